package io.imprint.server.store;

/**
 * A session that delivered a unit's escrowed identity (its secrets and a certificate chain). Its
 * receipt is accepted while the unit is still in the same issuance: a re-provisioning starts a new one.
 *
 * @param issuance the unit's issuance when the session delivered (0, then +1 per re-provisioning)
 * @param certificateChain the PEM chain this session delivered, device certificate first
 * @param method the attestation method of the session's evidence ({@code caam-mp}, ...)
 * @param receiptKey Base64 SubjectPublicKeyInfo of the key that signs this session's receipt, or null
 *                   when the method's product-wide key does ({@code caam-mp}: the product's MP key)
 */
public record UnitSession(String sessionId, String chipId, int issuance, String certificateChain, String method,
                          String receiptKey) {
    /** A session of a {@code caam-mp} unit. */
    public UnitSession(String sessionId, String chipId, int issuance, String certificateChain) {
        this(sessionId, chipId, issuance, certificateChain, "caam-mp", null);
    }
}
