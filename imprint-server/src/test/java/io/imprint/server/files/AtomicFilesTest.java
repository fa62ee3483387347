package io.imprint.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private Stream<String> names(Path d) throws Exception {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }

    @Test
    void createNew_secret_ownerOnlyInOwnerOnlyDirectoryAndNoTemporaryLeft() throws Exception {
        Path file = dir.resolve("keys/escrow.key");
        AtomicFiles.createNew(file, ascii("key\n"), AtomicFiles.Access.OWNER_ONLY);
        assertThat(Files.readString(file)).isEqualTo("key\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(names(file.getParent())).containsExactly("escrow.key");
    }

    @Test
    void createNew_existingFile_refusedAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("ca.crt");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFiles.createNew(file, ascii("new"), AtomicFiles.Access.PUBLIC))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessage(file.toString());
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(names(dir)).containsExactly("ca.crt");
    }

    @Test
    void createNew_leftoverTemporaryAndZeroByteTarget_temporaryIgnoredAndEmptyTargetNotOverwritten() throws Exception {
        Path leftover = Files.createFile(dir.resolve(".audit.key.0123456789ab.tmp")); // a crash mid-write
        Path file = dir.resolve("audit.key");
        AtomicFiles.createNew(file, ascii("whole"), AtomicFiles.Access.OWNER_ONLY);
        assertThat(Files.readString(file)).isEqualTo("whole");
        assertThat(leftover).exists().isEmptyFile();

        Path empty = Files.createFile(dir.resolve("ca.crt")); // never replaced silently: the reader names it
        assertThatThrownBy(() -> AtomicFiles.createNew(empty, ascii("x"), AtomicFiles.Access.PUBLIC))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> KeyFiles.read(empty, "the operator CA certificate")).isInstanceOf(KeyFileException.class)
                .hasMessage(empty + ": empty file (0 bytes) (the operator CA certificate)");
    }

    @Test
    void replace_existingFile_replacedWholeKeepingTheMode() throws Exception {
        Path file = dir.resolve("ca/gw/ca.key.pem");
        AtomicFiles.createNew(file, ascii("first"), AtomicFiles.Access.OWNER_ONLY);
        AtomicFiles.replace(file, ascii("second"), AtomicFiles.Access.OWNER_ONLY);
        assertThat(Files.readString(file)).isEqualTo("second");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(names(file.getParent())).containsExactly("ca.key.pem");
    }
}
