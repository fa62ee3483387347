package io.imprint.protocol.mp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The "message representative" the CAAM signs: SHA-256(MPMR || message). */
public final class MpDigest {
    private MpDigest() {
    }

    public static byte[] of(Mpmr mpmr, byte[] message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(mpmr.bytes());
            return sha.digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
