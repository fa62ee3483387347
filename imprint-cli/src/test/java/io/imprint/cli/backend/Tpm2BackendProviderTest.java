package io.imprint.cli.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.backend.DeviceBackend;
import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code tpm2.properties} as the device directory holds it, mutated: opening the backend accepts it or
 * refuses it with an IllegalArgumentException or IOException (one line on the CLI), never anything
 * else; no TPM is touched by opening.
 */
class Tpm2BackendProviderTest {
    static final String VALID = "tcti=swtpm:host=127.0.0.1,port=2321\nek-handle=0x81010001\n"
            + "quote-pcrs=sha256:0,1,7\nseal-pcrs=sha256:7\nsrk-hash=" + "ab".repeat(32) + "\nlifecycle=closed\n";

    @Provide
    Arbitrary<byte[]> configs() {
        return Mutations.of(List.of(VALID.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Property(tries = 200)
    void open_mutatedConfig_acceptedOrOneLineRefusal(@ForAll("configs") byte[] config) throws IOException {
        Path dir = Files.createTempDirectory("tpm2-config-");
        try {
            Files.write(dir.resolve("tpm2.properties"), config);
            Exception e = Fuzz.thrown(() -> {
                try (DeviceBackend backend = new Tpm2BackendProvider().open(dir)) {
                    assertThat(backend.description()).contains("TPM 2.0");
                }
            });
            if (e != null) {
                assertThat(e).isInstanceOfAny(IllegalArgumentException.class, IOException.class);
                assertThat(e.getMessage()).doesNotContain("\n");
            }
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 1)
    void open_validConfig_accepted() throws Exception {
        Path dir = Files.createTempDirectory("tpm2-config-");
        Files.writeString(dir.resolve("tpm2.properties"), VALID);
        try (DeviceBackend backend = new Tpm2BackendProvider().open(dir)) {
            assertThat(backend.description()).isEqualTo("EMULATED TPM 2.0 (swtpm, a software TPM, not silicon) at "
                    + "swtpm:host=127.0.0.1,port=2321, AK bound to the certified EK by credential activation");
            assertThat(backend.store().description()).contains("sealed to PCRs sha256:7");
        } finally {
            delete(dir);
        }
    }
}
