package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.crypto.Hkdf;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The bundle KDF, algorithm id 1: HKDF-Expand-SHA256 (RFC 5869 section 2.3, Expand only) with
 *
 * <pre>
 * PRK  = the MP public key X || Y (64 bytes for P-256, no 04 prefix), used directly as HMAC key
 * info = "IMPRINT/BUNDLE-KDF/v1" 00 | u16 32 | salt(32) | u16 len | product (UTF-8)
 *        | u16 len | lot (UTF-8) | u16 16 | bundleId(16)          (u16 lengths big-endian)
 * L    = 32
 * key  = T(1) = HMAC-SHA256(PRK, info || 01)
 * </pre>
 *
 * <p>Only HMAC with the PRK is needed, so a PKCS#11 token holding X||Y as a non-extractable
 * CKK_GENERIC_SECRET computes it (SoftHSM2 has no CKM_HKDF_DERIVE). There is no Extract step:
 * X||Y is already a uniformly hard-to-guess 64-byte value only as long as the OEM keeps it secret,
 * and Extract would need the raw key outside HMAC. Every unit of a product shares the MP public key,
 * so every unit of the lot derives the same bundle key: per-unit items are bookkeeping, not isolation.
 */
public final class BundleKdf {
    public static final int ALGORITHM_ID = 1;
    public static final String CONTEXT = "IMPRINT/BUNDLE-KDF/v1";

    private BundleKdf() {
    }

    /** The HKDF info string for {@code header}. */
    public static byte[] info(BundleHeader header) {
        return info(header.salt(), header.product(), header.lot(), header.bundleId());
    }

    static byte[] info(byte[] salt, String product, String lot, byte[] bundleId) {
        return CanonicalWriter.start(CONTEXT).bytes(salt).string(product).string(lot).bytes(bundleId).toByteArray();
    }

    /** Derives the bundle key with an HMAC keyed with the MP public key (software or token). */
    public static BundleKey derive(MpKeyedHmac hmac, BundleHeader header) throws GeneralSecurityException {
        byte[] okm = Hkdf.expand(hmac.newMac(), info(header), BundleKey.BYTES);
        try {
            return new BundleKey(okm);
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }
}
