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

    @Test
    void server_hostNotOfThisMachine_oneLineSaysSoNotPortInUse(@TempDir Path dir) {
        CliRun run = CliRun.of("server", "--data-dir", dir.resolve("data").toString(), "--host", "192.0.2.1",
                "--port", "0", "--admin-port", "0");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).startsWith("imprint: the device listener cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine")
                .doesNotContain("already in use").doesNotContain("\n");
    }

    @Test
    void server_portTaken_oneLineNamesThePort(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun run = CliRun.of("server", "--data-dir", dir.resolve("data").toString(), "--port",
                    Integer.toString(port), "--admin-port", "0");

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.err().strip()).isEqualTo("imprint: the device listener cannot listen on 127.0.0.1:" + port
                    + ": port " + port + " is already in use by another process (choose another with --port / --admin-port)");
        }
    }
}
