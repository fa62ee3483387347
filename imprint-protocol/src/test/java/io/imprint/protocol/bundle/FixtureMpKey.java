package io.imprint.protocol.bundle;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/**
 * Test fixture: a software stand-in for a chip's MP key, signing exactly like the CAAM (ECDSA
 * P-256 over SHA-256(MPMR || message), raw r||s). Shared via the test-jar.
 */
public final class FixtureMpKey {
    private final KeyPair pair;

    public FixtureMpKey() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        pair = gen.generateKeyPair();
    }

    public MpPublicKey publicKey() throws GeneralSecurityException {
        return MpPublicKey.fromJdkKey((ECPublicKey) pair.getPublic());
    }

    /** Raw r||s over SHA-256(mpmr || message). */
    public byte[] sign(Mpmr mpmr, byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(pair.getPrivate());
        s.update(mpmr.bytes());
        s.update(message);
        return s.sign();
    }
}
