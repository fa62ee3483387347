package io.imprint.protocol.bundle;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.KeyAgreement;

/** Test fixture: an in-memory OEM receipt key (ECDH P-256). Shared via the test-jar. */
public final class FixtureReceiptKey implements ReceiptKeyAgreement {
    private final KeyPair pair;

    public FixtureReceiptKey() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        pair = gen.generateKeyPair();
    }

    /** A fixture holding {@code pair} (a fixed key, for known-answer tests). */
    public FixtureReceiptKey(KeyPair pair) {
        this.pair = pair;
    }

    /** The public key of a fresh fixture, for headers whose receipts a test never opens. */
    public static ECPublicKey publicKeyOfNew() {
        try {
            return new FixtureReceiptKey().publicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ECPublicKey publicKey() {
        return (ECPublicKey) pair.getPublic();
    }

    @Override
    public byte[] agree(ECPublicKey peer) throws GeneralSecurityException {
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(pair.getPrivate());
        ka.doPhase(peer, true);
        return ka.generateSecret();
    }

    @Override
    public String description() {
        return "test fixture receipt key";
    }
}
