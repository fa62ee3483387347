/**
 * TPM 2.0 structures as the TPM marshals them (TPM 2.0 Library, Part 2), parsed strictly with size
 * limits, and the off-TPM crypto of the TPM attestation method: object names, KDFa, MakeCredential
 * (Part 1 §24), EK certificate chains and quote verification. No I/O.
 */
package io.imprint.protocol.tpm;
