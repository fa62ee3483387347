package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.CanonicalWriter;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM of one bundle item. Sealed form: {@code iv(12) || ciphertext || tag(16)}.
 *
 * <pre>AAD = "IMPRINT/BUNDLE-ITEM/v1" 00 | u16 32 | SHA-256(header) | u16 len | name | u16 len | serial</pre>
 *
 * where serial is empty for lot-wide items. A changed header, a moved item or a unit entry copied to
 * another serial fails the tag check.
 */
final class BundleItemCipher {
    static final String AAD_CONTEXT = "IMPRINT/BUNDLE-ITEM/v1";
    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;

    private BundleItemCipher() {
    }

    static byte[] aad(byte[] headerDigest, String name, String serial) {
        return CanonicalWriter.start(AAD_CONTEXT).bytes(headerDigest).string(name).string(serial).toByteArray();
    }

    /** Seals with {@code iv}: {@link BundleSealer} draws it from the process SecureRandom, tests fix it. */
    static byte[] seal(BundleKey key, byte[] headerDigest, String name, String serial, byte[] plaintext, byte[] iv)
            throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BYTES * 8, iv));
        gcm.updateAAD(aad(headerDigest, name, serial));
        byte[] ct = gcm.doFinal(plaintext);
        byte[] out = new byte[IV_BYTES + ct.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
        return out;
    }

    /** @throws javax.crypto.AEADBadTagException when key, header, name or serial differ or data was altered */
    static byte[] open(BundleKey key, byte[] headerDigest, String name, String serial, byte[] sealed)
            throws GeneralSecurityException {
        if (sealed.length < IV_BYTES + TAG_BYTES) {
            throw new javax.crypto.AEADBadTagException("sealed item too short");
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, key.aesKey(),
                new GCMParameterSpec(TAG_BYTES * 8, Arrays.copyOfRange(sealed, 0, IV_BYTES)));
        gcm.updateAAD(aad(headerDigest, name, serial));
        return gcm.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }
}
