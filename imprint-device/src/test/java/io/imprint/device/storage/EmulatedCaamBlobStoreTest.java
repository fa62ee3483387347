package io.imprint.device.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.backend.EmulatedCaamChip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatedCaamBlobStoreTest {
    static final byte[] SRK = new byte[32];
    static final byte[] SEED = "emulated fuse seed for tests 01".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SECRET = "disk key 0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    EmulatedCaamChip chip;
    EmulatedCaamBlobStore store;

    @BeforeEach
    void setUp() throws Exception {
        chip = EmulatedCaamChip.builder("MIMX8MM6", SRK, SEED).build();
        store = new EmulatedCaamBlobStore(dir, chip);
    }

    @Test
    void put_thenGet_roundTrips() throws Exception {
        store.put("disk-key", SECRET);
        store.put("cloud.token", new byte[0]);
        assertThat(store.get("disk-key")).hasValueSatisfying(v -> assertThat(v).isEqualTo(SECRET));
        assertThat(store.get("cloud.token")).hasValueSatisfying(v -> assertThat(v).isEmpty());
        assertThat(store.get("absent")).isEmpty();
        assertThat(store.names()).containsExactly("cloud.token", "disk-key");
    }

    @Test
    void put_file_isEncryptedAndOwnerOnly() throws Exception {
        store.put("disk-key", SECRET);
        Path file = dir.resolve("disk-key.blob");
        byte[] raw = Files.readAllBytes(file);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).startsWith("IMPB")
                .doesNotContain(new String(SECRET, StandardCharsets.ISO_8859_1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void get_tamperedFile_throws() throws Exception {
        store.put("disk-key", SECRET);
        Path file = dir.resolve("disk-key.blob");
        byte[] raw = Files.readAllBytes(file);
        raw[raw.length - 20] ^= 1;
        Files.write(file, raw);
        assertThatThrownBy(() -> store.get("disk-key")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void get_truncatedOrBadHeader_throws() throws Exception {
        store.put("disk-key", SECRET);
        Path file = dir.resolve("disk-key.blob");
        byte[] raw = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(raw, 20));
        assertThatThrownBy(() -> store.get("disk-key")).isInstanceOf(GeneralSecurityException.class);
        raw[0] = 'X';
        Files.write(file, raw);
        assertThatThrownBy(() -> store.get("disk-key")).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("header");
    }

    @Test
    void get_swappedFiles_throws() throws Exception {
        store.put("disk-key", SECRET);
        store.put("other-key", "another".getBytes(StandardCharsets.US_ASCII));
        Files.copy(dir.resolve("other-key.blob"), dir.resolve("disk-key.blob"), StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> store.get("disk-key")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void get_otherChipsKey_throws() throws Exception {
        store.put("disk-key", SECRET);
        EmulatedCaamChip other = EmulatedCaamChip.builder("MIMX8MM6", SRK, SEED).build();
        EmulatedCaamBlobStore otherStore = new EmulatedCaamBlobStore(dir, other);
        assertThatThrownBy(() -> otherStore.get("disk-key")).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("another chip");
    }

    @Test
    void put_badNames_throw() {
        for (String bad : new String[] {"../etc/passwd", "Upper", "", "a/b", "-x", "a".repeat(65)}) {
            assertThatThrownBy(() -> store.put(bad, SECRET)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.get("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void put_tooLarge_throws() throws Exception {
        store.put("max", new byte[EmulatedCaamBlobStore.MAX_VALUE_BYTES]);
        assertThatThrownBy(() -> store.put("big", new byte[EmulatedCaamBlobStore.MAX_VALUE_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.names()).containsExactly("max");
    }

    @Test
    void put_overwrite_replacesAtomicallyLeavingNoTempFiles() throws Exception {
        store.put("disk-key", SECRET);
        store.put("disk-key", "second".getBytes(StandardCharsets.US_ASCII));
        assertThat(store.get("disk-key")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.US_ASCII))
                .isEqualTo("second"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("disk-key.blob");
        }
    }

    @Test
    void delete_removesAndIgnoresAbsent() throws Exception {
        store.put("disk-key", SECRET);
        store.delete("disk-key");
        store.delete("disk-key");
        assertThat(store.get("disk-key")).isEmpty();
    }

    @Test
    void description_saysEmulation() {
        assertThat(store.description()).contains("emulat").contains("not silicon");
    }
}
