/**
 * The TPM 2.0 backend: the device side of the {@code tpm2} attestation method (EK certificate,
 * attestation key under the EK, credential activation, quotes) and sealed secret storage, driven
 * through tpm2-tools subprocesses; plus {@link io.imprint.device.tpm.Swtpm}, the software TPM
 * (swtpm, an emulator, not silicon) that tests and the demo start for themselves.
 */
package io.imprint.device.tpm;
