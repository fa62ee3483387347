package io.imprint.device.tpm;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Two private swtpm instances (same test vendor CA setup, different EKs) shared by a test class. */
abstract class TwoSwtpms {
    @TempDir
    static Path dir;
    static TestTpm tpm;
    static TestTpm otherTpm;

    @BeforeAll
    static void startTpms() throws Exception {
        tpm = TestTpm.start(dir.resolve("a"));
        otherTpm = TestTpm.start(dir.resolve("b"));
    }

    @AfterAll
    static void stopTpms() {
        if (tpm != null) {
            tpm.close();
        }
        if (otherTpm != null) {
            otherTpm.close();
        }
    }
}
