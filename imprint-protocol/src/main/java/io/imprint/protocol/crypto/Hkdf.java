package io.imprint.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869). Known-answer tested against the RFC's test case 1. */
public final class Hkdf {
    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LEN = 32;

    private Hkdf() {
    }

    /** HKDF-Extract: PRK = HMAC(salt, ikm); an empty salt means 32 zero bytes. */
    public static byte[] extract(byte[] salt, byte[] ikm) throws GeneralSecurityException {
        byte[] key = salt.length == 0 ? new byte[HASH_LEN] : salt;
        Mac mac = Mac.getInstance(HMAC);
        mac.init(new SecretKeySpec(key, HMAC));
        return mac.doFinal(ikm);
    }

    /** HKDF-Expand with a raw PRK. */
    public static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(HMAC);
        mac.init(new SecretKeySpec(prk, HMAC));
        return expand(mac, info, length);
    }

    /**
     * HKDF-Expand with an HMAC already keyed with the PRK. The key may live in a PKCS#11 token:
     * the expansion then runs inside the token and the PRK never leaves it.
     */
    public static byte[] expand(Mac keyedHmac, byte[] info, int length) throws InvalidKeyException {
        if (length <= 0 || length > 255 * HASH_LEN) {
            throw new IllegalArgumentException("HKDF length out of range");
        }
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int counter = 1; done < length; counter++) {
            keyedHmac.update(t);
            keyedHmac.update(info);
            keyedHmac.update((byte) counter);
            t = keyedHmac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }

    /** Extract then expand. */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    static Mac newMac() throws NoSuchAlgorithmException {
        return Mac.getInstance(HMAC);
    }
}
