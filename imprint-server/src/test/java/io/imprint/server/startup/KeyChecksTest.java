package io.imprint.server.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store with data refuses to start without the keys it was made with, naming the file; none is regenerated. */
class KeyChecksTest {
    @TempDir Path tmp;
    private Path data;

    @BeforeEach
    void store() throws Exception {
        data = tmp.resolve("data");
        StoreFixture.storeWithProduct(data);
    }

    private ServerConfig config() {
        return ServerConfig.defaults(data);
    }

    /** Both modes refuse, and neither writes the file back. */
    private void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> Imprint.open(config())).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> Imprint.openOrCreate(config())).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void openOrCreate_escrowKeyMissing_refusedNamingFileAndNotRegenerated() throws Exception {
        Path file = data.resolve("keys/escrow.key");
        Files.delete(file);
        assertRefused(file, file + ": no such file (the escrow key, which encrypts the issued secrets); Imprint store ");
        assertThat(file).doesNotExist();
    }

    @Test
    void openOrCreate_auditKeyMissing_refusedNamingFileAndNotRegenerated() throws Exception {
        Path file = data.resolve("keys/audit.key");
        Files.delete(file);
        assertRefused(file, file + ": no such file (the audit key, which signs checkpoints and reconciliations)");
        assertThat(file).doesNotExist();
    }

    @Test
    void openOrCreate_wholeKeysDirectoryMissing_refusedNamingTheDirectory() throws Exception {
        try (Stream<Path> keys = Files.list(data.resolve("keys"))) {
            for (Path p : keys.toList()) {
                Files.delete(p);
            }
        }
        assertRefused(data, data + " holds none of the keys of Imprint store ");
        try (Stream<Path> keys = Files.list(data.resolve("keys"))) {
            assertThat(keys).isEmpty();
        }
    }

    @Test
    void openOrCreate_productCaMissing_refusedNamingFile() throws Exception {
        Path file = data.resolve("ca/gw/ca.key.pem");
        Files.delete(file);
        assertRefused(file, file + ": no such file (the CA of product gw); product gw is enrolled in ");
    }

    @Test
    void openOrCreate_operatorCaCertificateMissing_refusedNamingFile() throws Exception {
        Path file = data.resolve("admin/ca/ca.crt");
        Files.delete(file);
        assertRefused(file, file + ": no such file (the operator CA certificate, which the admin listener trusts)");
        assertThat(file).doesNotExist();
    }

    @Test
    void openOrCreate_zeroByteOperatorCaCertificate_refusedNamingFile() throws Exception {
        Path file = data.resolve("admin/ca/ca.crt"); // what a full disk left behind before writes were atomic
        Files.write(file, new byte[0]);
        assertRefused(file, file + ": empty file (0 bytes) (the operator CA certificate");
    }

    @Test
    void open_truncatedProductCaCertificate_refusedNamingFile() throws Exception {
        Path file = data.resolve("ca/gw/ca.cert.pem");
        String pem = Files.readString(file);
        Files.writeString(file, pem.substring(0, pem.length() / 2));
        assertRefused(file, file + ": not a PEM certificate (truncated?) (the CA of product gw)");
    }

    @Test
    void open_malformedEscrowKey_namesFileNotTheHexParser() throws Exception {
        Path file = data.resolve("keys/escrow.key");
        Files.writeString(file, "abcdef123\n");
        assertThatThrownBy(() -> Imprint.open(config())).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith(file + ": not an escrow key: expected 64 hex digits, found 9 characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("string length").doesNotContain("abcdef"));
    }

    @Test
    void open_keysOfAnotherStore_refusedBeforeAnythingIsWritten() throws Exception {
        Path other = tmp.resolve("other");
        Imprint.create(ServerConfig.defaults(other)).close();
        Files.copy(other.resolve("keys/escrow.key"), data.resolve("keys/escrow.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRefused(data.resolve("keys/escrow.key"), data.resolve("keys/escrow.key") + " is not the escrow key of "
                + "Imprint store ");
    }
}
