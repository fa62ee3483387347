package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
    @Test
    void server_zeroClientRate_refusedWithOneLineBeforeAnythingStarts(@TempDir Path dir) {
        Path data = dir.resolve("data");
        CliRun run = CliRun.of("server", "--data-dir", data.toString(), "--port", "0", "--admin-port", "0",
                "--client-rate", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("imprint: client rate must be a positive number")
                .doesNotContain("\n");
        assertThat(data).doesNotExist();
    }

    @Test
    void server_zeroClientChallenges_refusedWithOneLine(@TempDir Path dir) {
        CliRun run = CliRun.of("server", "--data-dir", dir.resolve("data").toString(), "--client-challenges", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("imprint: --client-challenges must be at least 1, got 0");
    }
}
