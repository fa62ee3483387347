package io.imprint.protocol.message;

/**
 * Step 2: the device's evidence and its MP signature.
 *
 * @param evidence the exact signed bytes ({@code IMPRINT/ATTEST/v1}), Base64
 * @param mpmr the 32-byte MPMR the chip signed with, Base64
 * @param signature raw r||s over SHA-256(MPMR || evidence), Base64
 */
public record AttestationRequest(String evidence, String mpmr, String signature) {
}
