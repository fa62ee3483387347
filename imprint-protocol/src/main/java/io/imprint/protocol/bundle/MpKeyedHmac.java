package io.imprint.protocol.bundle;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;

/**
 * HMAC-SHA256 keyed with the MP public key X||Y (64 bytes for P-256), the PRK of the bundle KDF.
 * The key may live in software ({@link RawMpKeyHmac}, the device) or as a non-extractable generic
 * secret in a PKCS#11 token (the build server); {@link BundleKdf} runs the same code on either.
 */
public interface MpKeyedHmac {
    /** A fresh, initialised HMAC-SHA256 instance keyed with X||Y; the caller owns it. */
    Mac newMac() throws GeneralSecurityException;

    /** Where the key lives, for logs (never the key). */
    String description();
}
