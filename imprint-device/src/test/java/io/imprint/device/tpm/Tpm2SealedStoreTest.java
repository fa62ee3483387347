package io.imprint.device.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

/** Values sealed to a real TPM (swtpm): they open on that TPM only, unchanged, under their own name. */
class Tpm2SealedStoreTest extends TwoSwtpms {
    @Test
    void put_thenGet_returnsTheValue_andOverwriteReplacesIt() throws Exception {
        Tpm2SealedStore store = new Tpm2SealedStore(tpm.device(), dir.resolve("store1"), "");
        byte[] large = "PLAINTEXT-MARKER ".repeat(300).getBytes(StandardCharsets.US_ASCII);

        store.put("disk-key", "first".getBytes());
        store.put("disk-key", large);
        store.put("cloud-token", "token".getBytes());

        assertThat(store.get("disk-key")).contains(large);
        assertThat(store.get("cloud-token")).contains("token".getBytes());
        assertThat(store.names()).containsExactly("cloud-token", "disk-key");
        assertThat(store.get("absent")).isEmpty();
        store.delete("cloud-token");
        assertThat(store.names()).containsExactly("disk-key");
        assertThat(new String(Files.readAllBytes(dir.resolve("store1/disk-key.tpmseal")), StandardCharsets.ISO_8859_1))
                .doesNotContain("PLAINTEXT-MARKER");
    }

    @Test
    void get_valueSealedByAnotherTpm_fails() throws Exception {
        Path shared = dir.resolve("store2");
        new Tpm2SealedStore(otherTpm.device(), shared, "").put("disk-key", "secret".getBytes());
        Tpm2SealedStore mine = new Tpm2SealedStore(tpm.device(), shared, "");

        assertThatThrownBy(() -> mine.get("disk-key")).isInstanceOf(TpmCommandException.class)
                .hasMessageStartingWith("tpm2_load failed");
    }

    @Test
    void get_tamperedOrRenamedValue_fails() throws Exception {
        Tpm2SealedStore store = new Tpm2SealedStore(tpm.device(), dir.resolve("store3"), "");
        store.put("disk-key", "secret".getBytes());
        Path file = dir.resolve("store3/disk-key.tpmseal");
        Files.copy(file, dir.resolve("store3/other-key.tpmseal"));
        byte[] data = Files.readAllBytes(file);
        data[data.length - 1] ^= 1;
        Files.write(file, data);

        assertThatThrownBy(() -> store.get("disk-key")).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> store.get("other-key")).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void get_sealedToPcrs_opensUntilThePcrChanges() throws Exception {
        Tpm2SealedStore store = new Tpm2SealedStore(tpm.device(), dir.resolve("store4"), "sha256:16");
        store.put("disk-key", "secret".getBytes());
        assertThat(store.get("disk-key")).contains("secret".getBytes());

        tpm.device().tools().run("tpm2_pcrextend", "16:sha256=" + "11".repeat(32));

        assertThatThrownBy(() -> store.get("disk-key")).isInstanceOf(TpmCommandException.class)
                .hasMessageStartingWith("tpm2_unseal failed");
        assertThatThrownBy(() -> new Tpm2SealedStore(tpm.device(), dir.resolve("store4"), "").get("disk-key"))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("was sealed to PCRs");
    }
}
