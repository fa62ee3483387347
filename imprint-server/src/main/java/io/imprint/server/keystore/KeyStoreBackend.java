package io.imprint.server.keystore;

import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.bundle.MpKeyedHmac;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.mp.MpPublicKey;
import java.security.GeneralSecurityException;

/**
 * Where the OEM's server keys live, chosen by URI scheme ({@link KeyStoreUris}): a PKCS#11 token
 * ({@link Pkcs11KeyStore}) or files ({@link SoftwareKeyStore}). Labels are
 * {@link io.imprint.protocol.codec.Fields#IDENTIFIER identifiers}. Creating under a label that
 * exists fails and changes nothing.
 */
public interface KeyStoreBackend extends AutoCloseable {
    /**
     * Stores the MP public key X||Y as a secret (in a token: CKK_GENERIC_SECRET, sensitive,
     * non-extractable, usable only for HMAC). It is the PRK of the bundle KDF.
     */
    void importMpKey(String label, MpPublicKey key) throws GeneralSecurityException;

    /** HMAC-SHA256 keyed with the stored MP key: the KDF runs where the key lives. */
    MpKeyedHmac mpKeyHmac(String label) throws GeneralSecurityException;

    /** What the store reports about the stored MP key's protection, read back from it. */
    KeyProtection mpKeyProtection(String label) throws GeneralSecurityException;

    /** Generates an ECDSA P-256 bundle-signing key pair under {@code label}. */
    BundleSigner createSigningKey(String label) throws GeneralSecurityException;

    /** The existing bundle-signing key under {@code label}. */
    BundleSigner signingKey(String label) throws GeneralSecurityException;

    /**
     * Generates the OEM receipt key under {@code label}: ECDH P-256, used only for key agreement
     * (never for signing; distinct from the bundle-signing key). Devices seal receipts to its public key.
     */
    ReceiptKeyAgreement createReceiptKey(String label) throws GeneralSecurityException;

    /** The existing receipt key under {@code label}. */
    ReceiptKeyAgreement receiptKey(String label) throws GeneralSecurityException;

    /** What and where this store is (module, slot, directory), never a PIN. */
    String description();

    @Override
    void close();
}
