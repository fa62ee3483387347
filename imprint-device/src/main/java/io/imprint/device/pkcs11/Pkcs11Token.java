package io.imprint.device.pkcs11;

import java.io.IOException;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import javax.security.auth.login.LoginException;

/**
 * One PKCS#11 token, chosen by its label, logged in through its own SunPKCS11 provider instance. Keys
 * generated here are EC P-256, sensitive and not extractable; secret values stored as token objects
 * are private (readable only after login) and readable by the device once logged in. Closing logs out.
 */
public final class Pkcs11Token implements AutoCloseable {
    private final String label;
    private final Path module;
    private final Provider provider;
    private final KeyStore keyStore;

    private Pkcs11Token(String label, Path module, Provider provider, KeyStore keyStore) {
        this.label = label;
        this.module = module;
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /** Logs in to the token labelled {@code label} in {@code module} with the user PIN. */
    public static Pkcs11Token open(Path module, String label, char[] pin) throws IOException, GeneralSecurityException {
        Pkcs11Library library = Pkcs11Library.open(module);
        long slot = library.slotOf(label);
        Provider provider = Security.getProvider("SunPKCS11").configure(config(library.module(), slot));
        KeyStore ks = KeyStore.getInstance("PKCS11", provider);
        ks.load(null, pin);
        return new Pkcs11Token(label, library.module(), provider, ks);
    }

    /**
     * The SunPKCS11 configuration of one slot: device keys made here are sensitive and unextractable
     * token objects; secret values (the secure store) are private token objects the device can read.
     */
    static String config(Path module, long slot) {
        return "--name = Imprint-" + Long.toUnsignedString(slot) + "\n"
                + "library = " + module + "\n"
                + "slot = " + Long.toUnsignedString(slot) + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {\n  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n  CKA_PRIVATE = true\n}\n"
                + "attributes(*, CKO_SECRET_KEY, *) = {\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = false\n"
                + "  CKA_EXTRACTABLE = true\n}\n";
    }

    /** A new EC P-256 key pair generated inside the token (a session object until stored in {@link #keyStore()}). */
    public KeyPair generateP256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** The token's objects as a JCA key store (logged in). */
    public KeyStore keyStore() {
        return keyStore;
    }

    public Provider provider() {
        return provider;
    }

    public String label() {
        return label;
    }

    /** The token and module, for logs (never the PIN). */
    public String describe() {
        return "PKCS#11 token '" + label + "' (" + module + ")";
    }

    @Override
    public void close() throws IOException {
        if (provider instanceof AuthProvider auth) {
            try {
                auth.logout();
            } catch (LoginException e) {
                throw new IOException("logout from " + describe() + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "Pkcs11Token[" + describe() + "]";
    }
}
