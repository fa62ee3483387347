package io.imprint.cli.contract;

import io.imprint.cli.backend.pkcs11.SoftHsmEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The test JVM's private SoftHSM2 (one per process: SoftHSM2 reads its configuration once): a
 * temporary token directory, deleted when the JVM exits. Tests make their own tokens in it.
 */
public final class TestSoftHsm {
    private static Path dir;

    private TestSoftHsm() {
    }

    /** Whether SoftHSM2 is installed (tests that need it are skipped otherwise, saying so). */
    public static boolean installed() {
        return Files.isRegularFile(SoftHsmEnvironment.MODULE);
    }

    /** The directory of this JVM's SoftHSM2 environment. */
    public static synchronized Path dir() throws IOException {
        if (dir == null) {
            Path made = Files.createTempDirectory("imprint-softhsm-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made)));
            dir = SoftHsmEnvironment.ensure(made);
        }
        return dir;
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
