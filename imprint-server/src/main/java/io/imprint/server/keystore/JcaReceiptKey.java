package io.imprint.server.keystore;

import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import javax.crypto.KeyAgreement;

/**
 * A {@link ReceiptKeyAgreement} over a JCA private key: software, or a PKCS#11 handle whose ECDH
 * (CKM_ECDH1_DERIVE) runs in the token. Only the shared secret of each receipt leaves the token.
 */
final class JcaReceiptKey implements ReceiptKeyAgreement {
    private final PrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final Provider provider;
    private final String description;

    JcaReceiptKey(PrivateKey privateKey, PublicKey publicKey, Provider provider, String description) {
        if (!(publicKey instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("receipt key must be EC P-256");
        }
        this.privateKey = privateKey;
        this.publicKey = ec;
        this.provider = provider;
        this.description = description;
    }

    @Override
    public ECPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] agree(ECPublicKey peer) throws GeneralSecurityException {
        KeyAgreement ka = provider == null ? KeyAgreement.getInstance("ECDH") : KeyAgreement.getInstance("ECDH", provider);
        ka.init(privateKey);
        ka.doPhase(peer, true);
        return ka.generateSecret();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "JcaReceiptKey[" + description + "]";
    }
}
