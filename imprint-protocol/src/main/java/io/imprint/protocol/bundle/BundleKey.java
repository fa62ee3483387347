package io.imprint.protocol.bundle;

import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The 32-byte AES-256 key of one bundle. Secret: never printed; {@link #destroy()} after use. */
public final class BundleKey {
    public static final int BYTES = 32;
    private final byte[] key;

    BundleKey(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("bundle key must be 32 bytes");
        }
        this.key = key.clone();
    }

    /** The key as a JCA AES key (a copy). */
    SecretKey aesKey() {
        return new SecretKeySpec(key, "AES");
    }

    /** A copy of the raw key, for known-answer tests only; callers wipe it. */
    byte[] bytes() {
        return key.clone();
    }

    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "BundleKey[hidden]";
    }
}
