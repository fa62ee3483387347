package io.imprint.protocol.bundle;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** Test fixture: an in-memory OEM bundle-signing key (P-256, raw r||s). Shared via the test-jar. */
public final class FixtureBundleSigner implements BundleSigner {
    private final KeyPair pair;

    public FixtureBundleSigner() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        pair = gen.generateKeyPair();
    }

    @Override
    public byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(pair.getPrivate());
        s.update(message);
        return s.sign();
    }

    @Override
    public ECPublicKey publicKey() {
        return (ECPublicKey) pair.getPublic();
    }
}
