package io.imprint.protocol.method;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;

/**
 * How a device proves what it is. Every method signs the same evidence ({@code IMPRINT/ATTEST/v1});
 * they differ in the key that signs, how the server trusts that key, and where the chip identity
 * comes from (see docs/protocol.md, "Attestation methods"). The slugs are part of the protocol.
 */
public enum AttestationMethod {
    /** i.MX CAAM manufacturing protection: the product's enrolled MP key over SHA-256(MPMR || evidence). */
    CAAM_MP("caam-mp"),
    /** TPM 2.0: an attestation key bound to the EK by credential activation; EK certificate to a TPM-vendor root. */
    TPM2("tpm2"),
    /** A secure element over PKCS#11: a key with a vendor-issued device certificate. */
    PKCS11_SE("pkcs11-se");

    private final String slug;

    AttestationMethod(String slug) {
        this.slug = slug;
    }

    /** The wire name, e.g. {@code caam-mp}. */
    public String slug() {
        return slug;
    }

    /** The method named {@code slug}; anything else is {@link ProblemCode#MALFORMED_REQUEST}. */
    public static AttestationMethod fromSlug(String slug) {
        for (AttestationMethod m : values()) {
            if (m.slug.equals(slug)) {
                return m;
            }
        }
        throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "unknown attestation method '"
                + (slug == null ? "" : slug.replaceAll("[^\\x20-\\x7E]", "?").substring(0, Math.min(slug.length(), 32)))
                + "' (known: caam-mp, tpm2, pkcs11-se)");
    }

    /** The method of a request: {@code null} (a client from before methods existed) is {@link #CAAM_MP}. */
    public static AttestationMethod ofRequest(String slug) {
        return slug == null ? CAAM_MP : fromSlug(slug);
    }

    @Override
    public String toString() {
        return slug;
    }
}
