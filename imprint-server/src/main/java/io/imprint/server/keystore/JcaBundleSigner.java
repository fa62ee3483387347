package io.imprint.server.keystore;

import io.imprint.protocol.bundle.BundleSigner;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

/** A {@link BundleSigner} over a JCA private key (software or a PKCS#11 handle): ECDSA P-256, raw r||s. */
final class JcaBundleSigner implements BundleSigner {
    private final PrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final Provider provider;

    JcaBundleSigner(PrivateKey privateKey, PublicKey publicKey, Provider provider) {
        if (!(publicKey instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("bundle-signing key must be EC P-256");
        }
        this.privateKey = privateKey;
        this.publicKey = ec;
        this.provider = provider;
    }

    @Override
    public byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature ecdsa = provider == null ? Signature.getInstance("SHA256withECDSAinP1363Format")
                : Signature.getInstance("SHA256withECDSAinP1363Format", provider);
        ecdsa.initSign(privateKey);
        ecdsa.update(message);
        return ecdsa.sign();
    }

    @Override
    public ECPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "JcaBundleSigner[" + privateKey.getAlgorithm() + "]";
    }
}
