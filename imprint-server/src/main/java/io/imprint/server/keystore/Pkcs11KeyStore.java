package io.imprint.server.keystore;

import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.bundle.MpKeyedHmac;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.InvalidParameterException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.login.LoginException;

/**
 * Keys in a PKCS#11 token through the JDK's SunPKCS11 provider (tested with SoftHSM2 2.6.1).
 * The provider is configured so that imported secret keys are CKK_GENERIC_SECRET token objects with
 * CKA_SENSITIVE=true, CKA_EXTRACTABLE=false, CKA_SIGN=true (HMAC only), and generated EC private keys
 * are sensitive and non-extractable. Keys are found by label (the KeyStore alias).
 *
 * <p>The token is the one the URI names by {@code token=}/{@code serial=}/{@code manufacturer=}/
 * {@code model=} (optionally with {@code slot-id=}), found by {@link Pkcs11Slots} and bound by slot id,
 * so a missing or ambiguous token is refused before any login; a URI with only {@code slot-id=} or
 * {@code x-slot-list-index=} opens that slot. A refused login (wrong PIN) is a one-line error naming
 * the token, never the PIN.
 */
public final class Pkcs11KeyStore implements KeyStoreBackend {
    private static final int MAX_PIN_CHARS = 256;
    private final Provider provider;
    private final KeyStore keyStore;
    private final String description;
    private final Pkcs11Uri uri;
    private final String config;
    private Provider receiptProvider;
    private KeyStore receiptKeyStore;

    private Pkcs11KeyStore(Provider provider, KeyStore keyStore, String description, Pkcs11Uri uri, String config) {
        this.provider = provider;
        this.keyStore = keyStore;
        this.description = description;
        this.uri = uri;
        this.config = config;
    }

    /** Logs into the token named by {@code uri}; {@code defaultModule} is used without {@code module-path}. */
    public static Pkcs11KeyStore open(Pkcs11Uri uri, Path defaultModule) throws GeneralSecurityException, IOException {
        String module = uri.modulePath().orElse(defaultModule.toString());
        if (module.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F || ch == '"')) {
            throw new IllegalArgumentException("PKCS#11 module path contains control characters or quotes");
        }
        String slot;
        String description;
        if (uri.namesToken()) {
            Pkcs11Token token = Pkcs11Slots.select(uri, module);
            slot = "slot = " + token.slotId();
            description = "PKCS#11 token " + token.describe() + " via " + module;
        } else {
            slot = uri.slotId().map(id -> "slot = " + id).orElse("slotListIndex = " + uri.slotListIndex());
            description = "PKCS#11 " + uri.selector() + " via " + module;
        }
        String config = config(slot, module);
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure("--" + config);
        } catch (ProviderException | InvalidParameterException e) {
            // SunPKCS11 reports a missing or unloadable library (and a bad configuration) unchecked
            throw new KeyStoreException("cannot load PKCS#11 module " + module + ": " + e.getMessage(), e);
        }
        return new Pkcs11KeyStore(provider, login(provider, uri, description), description, uri, config);
    }

    private static KeyStore login(Provider provider, Pkcs11Uri uri, String description)
            throws GeneralSecurityException, IOException {
        char[] pin = pin(uri);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, pin);
            return ks;
        } catch (IOException e) {
            // SunPKCS11: a wrong PIN is an UnrecoverableKeyException cause, other refusals a LoginException;
            // the innermost cause is the PKCS#11 code (CKR_PIN_INCORRECT, CKR_PIN_LOCKED, ...), never the PIN.
            if (e.getCause() instanceof UnrecoverableKeyException || e.getCause() instanceof LoginException) {
                Throwable code = e;
                while (code.getCause() != null) {
                    code = code.getCause();
                }
                throw new ImprintException(ProblemCode.FORBIDDEN, "login to " + description + " refused: "
                        + code.getMessage());
            }
            throw e;
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    static String config(String slot, String module) {
        return "name = Imprint\nlibrary = " + module + "\n" + slot + "\n"
                + "attributes(import, CKO_SECRET_KEY, CKK_GENERIC_SECRET) = {\n"
                + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n  CKA_SIGN = true\n  CKA_VERIFY = true\n"
                + "  CKA_ENCRYPT = false\n  CKA_DECRYPT = false\n  CKA_WRAP = false\n  CKA_UNWRAP = false\n"
                + "  CKA_DERIVE = false\n}\n"
                + "attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {\n"
                + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
    }

    private static char[] pin(Pkcs11Uri uri) throws IOException {
        if (uri.pinValue().isPresent()) {
            return uri.pinValue().get().toCharArray();
        }
        String source = uri.pinSource().orElseThrow(
                () -> new IllegalArgumentException("pkcs11 URI needs pin-value= or pin-source="));
        Path file = Path.of(source.startsWith("file:") ? source.substring("file:".length()) : source);
        try {
            if (Files.size(file) > MAX_PIN_CHARS) {
                throw new IllegalArgumentException("PIN file larger than " + MAX_PIN_CHARS + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("pkcs11 pin-source " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public void importMpKey(String label, MpPublicKey key) throws GeneralSecurityException {
        requireFree(label);
        byte[] xy = key.xy();
        try {
            SecretKey raw = new SecretKeySpec(xy, "HmacSHA256");
            keyStore.setEntry(label, new KeyStore.SecretKeyEntry(raw), null);
        } finally {
            Arrays.fill(xy, (byte) 0);
        }
    }

    @Override
    public MpKeyedHmac mpKeyHmac(String label) throws GeneralSecurityException {
        SecretKey key = secretKey(label);
        return new MpKeyedHmac() {
            @Override
            public Mac newMac() throws GeneralSecurityException {
                Mac mac = Mac.getInstance("HmacSHA256", provider);
                mac.init(key);
                return mac;
            }

            @Override
            public String description() {
                return "HMAC in PKCS#11 token, key " + label;
            }
        };
    }

    @Override
    public KeyProtection mpKeyProtection(String label) throws GeneralSecurityException {
        SecretKey key = secretKey(label);
        // SunPKCS11 reads CKA_TOKEN, CKA_SENSITIVE and CKA_EXTRACTABLE with C_GetAttributeValue when it
        // loads the key (P11Key.secretKey) and exposes them only through toString(), e.g.
        // "SunPKCS11-Imprint Generic Secret secret key, 64 bits token object, sensitive, unextractable)".
        String facts = key.toString();
        return new KeyProtection(facts.contains("token object"), facts.contains(", sensitive"),
                !facts.contains("unextractable"), key.getEncoded() != null || key.getFormat() != null,
                "SunPKCS11 C_GetAttributeValue: " + facts);
    }

    @Override
    public BundleSigner createSigningKey(String label) throws GeneralSecurityException {
        requireFree(label);
        Pkcs11SigningKeys.create(provider, keyStore, label);
        return signingKey(label);
    }

    @Override
    public BundleSigner signingKey(String label) throws GeneralSecurityException {
        Fields.identifier("key label", label);
        Key key = keyStore.getKey(label, null);
        Certificate cert = keyStore.getCertificate(label);
        if (!(key instanceof PrivateKey priv) || cert == null) {
            throw new KeyStoreException("no bundle-signing key labelled " + label + " in the token");
        }
        return new JcaBundleSigner(priv, cert.getPublicKey(), provider);
    }

    @Override
    public ReceiptKeyAgreement createReceiptKey(String label) throws GeneralSecurityException {
        requireFree(label);
        openReceiptProvider();
        Pkcs11ReceiptKeys.create(receiptProvider, receiptKeyStore, label);
        return receiptKey(label);
    }

    @Override
    public ReceiptKeyAgreement receiptKey(String label) throws GeneralSecurityException {
        Fields.identifier("key label", label);
        openReceiptProvider();
        Key key = receiptKeyStore.getKey(label, null);
        Certificate cert = receiptKeyStore.getCertificate(label);
        if (!(key instanceof PrivateKey priv) || cert == null) {
            throw new KeyStoreException("no receipt key labelled " + label + " in the token");
        }
        return new JcaReceiptKey(priv, cert.getPublicKey(), receiptProvider, "PKCS#11 token key " + label);
    }

    /** The second SunPKCS11 instance (same token) whose generated EC keys may derive: {@link Pkcs11ReceiptKeys}. */
    private synchronized void openReceiptProvider() throws GeneralSecurityException {
        if (receiptProvider == null) {
            Provider p = Security.getProvider("SunPKCS11").configure("--" + Pkcs11ReceiptKeys.config(config));
            try {
                receiptKeyStore = login(p, uri, description);
            } catch (IOException e) {
                throw new KeyStoreException("cannot log into the token for the receipt key: " + e.getMessage(), e);
            }
            receiptProvider = p;
        }
    }

    private SecretKey secretKey(String label) throws GeneralSecurityException {
        Fields.identifier("key label", label);
        if (!(keyStore.getKey(label, null) instanceof SecretKey key)) {
            throw new KeyStoreException("no MP key labelled " + label + " in the token");
        }
        return key;
    }

    private void requireFree(String label) throws KeyStoreException {
        Fields.identifier("key label", label);
        if (keyStore.containsAlias(label)) {
            throw new KeyStoreException("the token already holds an object labelled " + label);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        // SunPKCS11 keeps one session pool per provider instance; nothing else to release.
    }
}
