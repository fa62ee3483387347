package io.imprint.server.issuance;

import java.security.interfaces.ECPublicKey;

/** A PKCS#10 request whose self-signature verified; only {@link CsrVerifier} makes one. */
public final class VerifiedCsr {
    private final ECPublicKey publicKey;

    VerifiedCsr(ECPublicKey publicKey) {
        this.publicKey = publicKey;
    }

    /** The device identity key (P-256). */
    public ECPublicKey publicKey() {
        return publicKey;
    }
}
