package io.imprint.protocol.bundle;

import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;

/**
 * The OEM's receipt-decryption key (ECDH P-256), wherever it lives (a PKCS#11 token or software):
 * its public key goes into every bundle header, and receipts sealed to it are opened with
 * {@link ReceiptSeal#open}. Distinct from the bundle-signing key. Never prints key material.
 */
public interface ReceiptKeyAgreement {
    /** The public key the device seals receipts to. */
    ECPublicKey publicKey();

    /** ECDH with {@code peer}: the shared x-coordinate (32 bytes for P-256). Callers wipe it. */
    byte[] agree(ECPublicKey peer) throws GeneralSecurityException;

    /** Where the private key lives, for messages. */
    String description();
}
