package io.imprint.protocol.message;

import java.util.Map;

/**
 * Step 2: the device's evidence and its method's proof.
 *
 * @param method the attestation method's slug ({@code caam-mp}, {@code tpm2}, {@code pkcs11-se});
 *               absent means {@code caam-mp}
 * @param evidence the exact signed bytes ({@code IMPRINT/ATTEST/v1}), Base64
 * @param mpmr {@code caam-mp} only: the 32-byte MPMR the chip signed with, Base64; absent for other methods
 * @param signature the method's signature over the evidence, Base64 (MP: raw r||s over SHA-256(MPMR || evidence))
 * @param proof the method's further fields (name to Base64), e.g. a device certificate chain; absent for MP
 */
public record AttestationRequest(String method, String evidence, String mpmr, String signature,
                                 Map<String, String> proof) {
    public AttestationRequest {
        proof = proof == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(proof));
    }

    /** A {@code caam-mp} attestation as sent before methods existed (no {@code method}, no {@code proof}). */
    public AttestationRequest(String evidence, String mpmr, String signature) {
        this(null, evidence, mpmr, signature, null);
    }
}
