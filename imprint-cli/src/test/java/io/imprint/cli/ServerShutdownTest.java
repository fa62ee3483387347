package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.testing.ChildProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint server} as operators run it: a process of its own, stopped by SIGTERM. */
class ServerShutdownTest {
    @Test
    void server_sigterm_drainsClosesStoreAndLeavesNoWriteAheadLog(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                Main.class.getName(), "server", "--data-dir", data.toString(), "--port", "0", "--admin-port", "0");
        try (ChildProcess.Running server = ChildProcess.start(command, Map.of())) {
            String started = server.awaitOutput("Press Ctrl-C to stop.");
            refuseOneAttestation(started); // its event is written to the WAL
            assertThat(Files.size(data.resolve("imprint.db-wal"))).isPositive();

            int status = server.terminate();

            Path wal = data.resolve("imprint.db-wal");
            assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("WAL left behind").isTrue();
            assertThat(status).as(server.output()).isEqualTo(143); // 128 + SIGTERM: stopped by the signal
            assertThat(server.output()).contains("Stopping:").contains("Stopped.");
            assertThat(Files.size(data.resolve("imprint.db"))).isPositive();
        }
    }

    private static void refuseOneAttestation(String started) throws Exception {
        Matcher port = Pattern.compile("device API on https://127\\.0\\.0\\.1:(\\d+)").matcher(started);
        Matcher pin = Pattern.compile("--server-fingerprint\\): ([0-9a-f]{64})").matcher(started);
        assertThat(port.find() && pin.find()).as(started).isTrue();
        try (ProvisioningClient client = new ProvisioningClient(URI.create("https://127.0.0.1:" + port.group(1)),
                ServerTrust.pinned(pin.group(1)), RetryPolicy.none())) {
            assertThatThrownBy(() -> client.attest(new AttestationRequest("!", "AA==", "AA==")))
                    .isInstanceOfSatisfying(ImprintException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
        }
    }
}
