package io.imprint.device.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store under a software key file (the OP-TEE backend's store): honest about what it is. */
class EmulatedCaamBlobStoreKeyFileTest {
    private static final byte[] SECRET = "wifi psk 0123".getBytes(StandardCharsets.US_ASCII);
    @TempDir Path dir;

    @Test
    void withKeyFile_absentKey_createsOwnerOnly32BytesAndReopensItsBlobs() throws Exception {
        Path key = dir.resolve("blob-key");
        EmulatedCaamBlobStore.withKeyFile(dir.resolve("blobs"), key, "0102030405060708").put("wifi-psk", SECRET);

        EmulatedCaamBlobStore again = EmulatedCaamBlobStore.withKeyFile(dir.resolve("blobs"), key, "0102030405060708");

        assertThat(again.get("wifi-psk")).hasValueSatisfying(v -> assertThat(v).isEqualTo(SECRET));
        assertThat(key).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(again.description()).contains("SOFTWARE key file").contains("not bound to the board's hardware");
    }

    @Test
    void withKeyFile_anotherKeyFile_cannotOpenTheBlobs() throws Exception {
        EmulatedCaamBlobStore.withKeyFile(dir.resolve("blobs"), dir.resolve("key-a"), "01020304").put("wifi-psk", SECRET);

        EmulatedCaamBlobStore other = EmulatedCaamBlobStore.withKeyFile(dir.resolve("blobs"), dir.resolve("key-b"), "01020304");

        assertThatThrownBy(() -> other.get("wifi-psk")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void withKeyFile_keyOfWrongSize_refused() throws Exception {
        Path key = Files.write(dir.resolve("blob-key"), new byte[31]);

        assertThatThrownBy(() -> EmulatedCaamBlobStore.withKeyFile(dir.resolve("blobs"), key, "01020304"))
                .isInstanceOf(IOException.class).hasMessageContaining("must hold 32 bytes, has 31");
    }
}
