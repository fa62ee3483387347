package io.imprint.server.keystore;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.security.GeneralSecurityException;

/**
 * {@code imprint product import-mp-key}: puts a product's MP public key into a key store so bundle
 * keys can be derived there, then reads the key's protection back. When the store is a token, the
 * import is refused unless the token reports the key sensitive, non-extractable and not readable.
 */
public final class MpKeyImportService {
    /** The outcome: the label, the key's fingerprint and its protection as read back. */
    public record ImportedMpKey(String label, String fingerprint, KeyProtection protection) {
    }

    public ImportedMpKey importMpKey(KeyStoreBackend store, String label, MpPublicKey key) {
        try {
            store.importMpKey(label, key);
            KeyProtection protection = store.mpKeyProtection(label);
            if (store instanceof Pkcs11KeyStore && !protection.keptInside()) {
                throw new ImprintException(ProblemCode.INTERNAL,
                        "the token stored MP key " + label + " but does not keep it inside: " + protection.source());
            }
            return new ImportedMpKey(label, key.fingerprint(), protection);
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.CONFLICT, "cannot import MP key " + label + ": " + e.getMessage(), e);
        }
    }
}
