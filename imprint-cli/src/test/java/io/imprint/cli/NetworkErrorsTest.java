package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a station operator reads when the server cannot be reached or a value is mistyped: one plain line. */
class NetworkErrorsTest {
    @TempDir Path tmp;

    private Path chip() {
        Path dir = tmp.resolve("chip");
        assertThat(CliRun.of("device", "chip-init", "--dir", dir.toString(), "--part-number", "MIMX8MM6",
                "--srk-hash", "a1".repeat(32), "--fuse-seed", "5eed".repeat(8)).exitCode()).isZero();
        return dir;
    }

    @Test
    void provision_nothingListening_saysCannotConnectNotAClassName() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("device", "provision", "--dir", chip().toString(), "--server",
                "https://127.0.0.1:" + port, "--server-fingerprint", "00".repeat(32), "--product", "gateway-x");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).startsWith("imprint: cannot connect: nothing answers")
                .doesNotContain("Exception").doesNotContain("\n");
    }

    @Test
    void provision_unknownHost_saysUnknownHostName() {
        CliRun run = CliRun.of("device", "provision", "--dir", chip().toString(), "--server",
                "https://nonexistent.invalid:8443", "--server-fingerprint", "00".repeat(32), "--product", "gateway-x");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).isEqualTo("imprint: cannot connect: unknown host name (check the --server URL)");
    }

    @Test
    void report_badInstant_saysIsoInstantNotJavaClasses() {
        CliRun run = CliRun.of("report", "--data-dir", tmp.resolve("data").toString(), "--from", "yesterday");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).contains("'yesterday' is not an ISO-8601 instant such as 2026-01-05T00:00:00Z")
                .doesNotContain("java.time").doesNotContain("\n");
    }
}
