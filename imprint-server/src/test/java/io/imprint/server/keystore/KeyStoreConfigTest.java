package io.imprint.server.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Selecting the key store through a configuration file instead of a URI on the command line. */
class KeyStoreConfigTest {
    @TempDir Path dir;

    @Test
    void openConfig_fileUri_opensThatStore() throws Exception {
        Path store = dir.resolve("keys");
        Path config = Files.writeString(dir.resolve("keystore.conf"), "# OEM bundle keys\nuri = " + store.toUri() + "\n");
        try (KeyStoreBackend backend = KeyStoreUris.openConfig(config)) {
            backend.createSigningKey("oem");
        }
        try (KeyStoreBackend again = KeyStoreUris.openConfig(config)) {
            assertThat(again.signingKey("oem").publicKey()).isNotNull();
        }
    }

    @Test
    void openConfig_withoutUri_refusedWithReason() throws Exception {
        Path config = Files.writeString(dir.resolve("keystore.conf"), "module = /usr/lib/softhsm/libsofthsm2.so\n");
        assertThatThrownBy(() -> KeyStoreUris.openConfig(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks 'uri'");
    }

    @Test
    void openConfig_missingFile_refused() {
        assertThatThrownBy(() -> KeyStoreUris.openConfig(dir.resolve("none.conf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }

    @Test
    void openConfig_pkcs11ModuleMissing_generalSecurityExceptionNamingIt() throws Exception {
        // found by KeyStoreConfigFuzzTest: SunPKCS11's unchecked ProviderException escaped
        Path config = Files.writeString(dir.resolve("keystore.conf"),
                "uri = pkcs11:token=imprint?pin-value=1234\nmodule = /nonexistent/libp11.so\n");
        assertThatThrownBy(() -> KeyStoreUris.openConfig(config)).isInstanceOf(java.security.KeyStoreException.class)
                .hasMessageContaining("/nonexistent/libp11.so");
    }

    @Test
    void open_modulePathWithNewline_refusedBeforeConfiguring() {
        // a percent-encoded newline would have become an extra line of the SunPKCS11 configuration
        assertThatThrownBy(() -> new KeyStoreUris(Path.of("/none.so")).open(
                "pkcs11:token=t?pin-value=1&module-path=/lib.so%0Aname%20=%20x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters");
    }
}
