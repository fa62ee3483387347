package io.imprint.protocol.bundle;

import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;

/** The OEM bundle-signing key (ECDSA P-256), in software or in a PKCS#11 token. */
public interface BundleSigner {
    /** ECDSA P-256 with SHA-256 over {@code message}; the signature as raw r||s (64 bytes). */
    byte[] sign(byte[] message) throws GeneralSecurityException;

    /** The public half devices are given to verify bundles. */
    ECPublicKey publicKey() throws GeneralSecurityException;
}
