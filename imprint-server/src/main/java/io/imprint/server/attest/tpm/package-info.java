/**
 * The server side of the {@code tpm2} attestation method: the preparation round trip (EK
 * certificate chain to the product's TPM-vendor roots, AK rules, MakeCredential) and the
 * verification of the activated credential and the AK's quote over the evidence and the receipt.
 */
package io.imprint.server.attest.tpm;
