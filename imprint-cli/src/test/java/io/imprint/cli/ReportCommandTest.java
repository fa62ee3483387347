package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint report} on a data directory: counts by path, unknown filters refused with one line. */
class ReportCommandTest {
    @TempDir Path dir;
    private String data;

    @BeforeEach
    void store() throws Exception {
        data = dir.resolve("data").toString();
        try (TestServer server = TestServer.sqlite(dir.resolve("data"))) {
            server.order("PO-1", 5, "SN000001..SN000005");
        }
    }

    @Test
    void report_unknownProductOrderOrCm_oneLineNotFoundExit2() {
        String[][] filters = {{"--product", "gateway-z"}, {"--order", "PO-9"}, {"--cm", "Nobody EMS"},
                {"--order", "PO-1", "--cm", "Nobody EMS"}};
        for (String[] filter : filters) {
            String[] args = new String[3 + filter.length];
            args[0] = "report";
            args[1] = "--data-dir";
            args[2] = data;
            System.arraycopy(filter, 0, args, 3, filter.length);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", filter)).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().strip()).startsWith("imprint: not-found: ").doesNotContain("\n");
        }
    }

    @Test
    void report_table_splitsEveryCountByPath() {
        CliRun run = CliRun.of("report", "--data-dir", data, "--product", TestServer.PRODUCT);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("events\\s+networked\\s+offline\\s+total")
                .containsPattern("issued\\s+0\\s+0\\s+0")
                .containsPattern("hour \\(UTC\\)\\s+issued net/off\\s+provisioned net/off\\s+refused net/off")
                .containsPattern("PO-1\\s+Acme EMS\\s+open\\s+5\\s+0/0\\s+0/0\\s+0/0")
                .contains("awaiting receipt: issued, not yet provisioned");
    }

    @Test
    void report_table_splitsProvisionedAndRefusedByMethod() throws Exception {
        Path mixed = dir.resolve("mixed");
        try (TestServer server = TestServer.sqlite(mixed)) {
            server.order("PO-1", 5, "SN000001..SN000005");
            server.provisioned("SN000001");
            var mp = server.device().attest(server.client().challenge(TestServer.PRODUCT), "SN000002").request();
            assertThat(server.client().attest(new io.imprint.protocol.message.AttestationRequest("pkcs11-se",
                    mp.evidence(), null, mp.signature(), null)).status()).isEqualTo(403);
        }
        CliRun run = CliRun.of("report", "--data-dir", mixed.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("method\\s+provisioned net/off\\s+refused net/off")
                .containsPattern("caam-mp\\s+1/0\\s+0/0").containsPattern("pkcs11-se\\s+0/0\\s+1/0");
    }
}
