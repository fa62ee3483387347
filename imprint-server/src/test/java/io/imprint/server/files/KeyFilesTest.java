package io.imprint.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    @TempDir Path dir;

    @Test
    void read_missingEmptyOrOversized_namesFileAndWhatItIs() throws Exception {
        Path missing = dir.resolve("escrow.key");
        assertThatThrownBy(() -> KeyFiles.read(missing, "the escrow key")).isInstanceOf(KeyFileException.class)
                .hasMessage(missing + ": no such file (the escrow key)");
        Path empty = Files.createFile(dir.resolve("ca.crt"));
        assertThatThrownBy(() -> KeyFiles.read(empty, "the CA")).hasMessage(empty + ": empty file (0 bytes) (the CA)");
        Path big = Files.write(dir.resolve("big.pem"), new byte[(int) KeyFiles.MAX_BYTES + 1]);
        assertThatThrownBy(() -> KeyFiles.read(big, "a key")).hasMessage(big + ": larger than 64 KiB (a key)");
        assertThat(KeyFiles.readText(Files.writeString(dir.resolve("ok.pem"), "PEM"), "a key")).isEqualTo("PEM");
    }

    @Test
    void permissionWarning_groupOrOthersMayRead_namesFileAndFix() throws Exception {
        Path key = Files.writeString(dir.resolve("audit.key"), "k");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(KeyFiles.permissionWarning(key)).contains(key + " is a private key open to its group (mode "
                + "rw-r-----): run chmod 600 " + key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyFiles.permissionWarning(key)).isEmpty();
        assertThat(KeyFiles.permissionWarning(dir.resolve("absent"))).isEmpty();
    }
}
