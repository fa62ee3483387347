package io.imprint.server.keystore;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Opens a {@link KeyStoreBackend} from a URI, by scheme: {@code pkcs11:...} (RFC 7512, see
 * {@link Pkcs11Uri}) or {@code file:/dir} (software keys in a directory).
 */
public final class KeyStoreUris {
    /** Debian's SoftHSM2 module, used when a pkcs11 URI has no {@code module-path}. */
    public static final Path SOFTHSM2_MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private final Path defaultModule;

    public KeyStoreUris(Path defaultModule) {
        this.defaultModule = defaultModule;
    }

    public KeyStoreBackend open(String uri) throws GeneralSecurityException, IOException {
        if (uri == null || uri.length() > Pkcs11Uri.MAX_CHARS) {
            throw new IllegalArgumentException("key store URI missing or too long");
        }
        if (uri.startsWith("pkcs11:")) {
            return Pkcs11KeyStore.open(Pkcs11Uri.parse(uri), defaultModule);
        }
        if (uri.startsWith("file:")) {
            return new SoftwareKeyStore(directory(uri));
        }
        throw new IllegalArgumentException("key store URI must start with pkcs11: or file:");
    }

    /** The directory of a {@code file:} URI; the error gives the reason, not the URI (it might hold a PIN typed by mistake). */
    private static Path directory(String uri) {
        try {
            return Path.of(new URI(uri));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("file: key store URI is malformed: " + e.getReason() + " at index " + e.getIndex());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("file: key store URI must be file:/absolute/dir (" + e.getMessage() + ")");
        }
    }

    /**
     * Opens the key store a configuration file names: a properties file with {@code uri} (a
     * {@code pkcs11:} or {@code file:} URI, required) and optionally {@code module} (the PKCS#11
     * library, default {@link #SOFTHSM2_MODULE}). Lets operators keep the token and PIN source out of
     * command lines and scripts.
     */
    public static KeyStoreBackend openConfig(Path config) throws GeneralSecurityException, IOException {
        if (!java.nio.file.Files.isRegularFile(config) || java.nio.file.Files.size(config) > 16 * 1024) {
            throw new IllegalArgumentException("key store config " + config + " is missing or larger than 16 KiB");
        }
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(config, java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String uri = p.getProperty("uri");
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("key store config " + config + " lacks 'uri'");
        }
        String module = p.getProperty("module");
        return new KeyStoreUris(module == null ? SOFTHSM2_MODULE : Path.of(module.strip())).open(uri.strip());
    }
}
