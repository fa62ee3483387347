package io.imprint.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.server.ServerConfig;
import io.imprint.server.testing.MutableClock;
import io.imprint.server.testing.TestDatabases;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
    static final Instant START = Instant.parse("2026-01-05T10:15:00Z");
    @TempDir Path dir;

    @Test
    void report_knownRunOnSqlite_countsBucketsAndSuspects() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0).withClock(clock), null)) {
            run(server, clock);
        }
    }

    @Test
    void report_knownRunOnPostgres_countsBucketsAndSuspects() throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, "IMPRINT_TEST_PG_URL not set");
        MutableClock clock = new MutableClock(START);
        TestDatabases.PostgresSchema schema = TestDatabases.freshSchema();
        try (TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0).withClock(clock)
                .withDatabaseUrl(schema.url()), schema)) {
            run(server, clock);
        }
    }

    private void run(TestServer server, MutableClock clock) throws Exception {
        server.order("PO-1", 10, "SN000001..SN000010");
        TestDevice d1 = server.device();
        provision(server, d1, "SN000001", true);
        provision(server, server.device(), "SN000002", true);
        TestDevice d3 = server.device();
        assertThat(attempt(server, d3, "SN000001")).isEqualTo(409);
        clock.advance(Duration.ofHours(1));
        provision(server, server.device(), "SN000003", false);
        assertThat(attempt(server, d1, "SN000004")).isEqualTo(409);
        assertThat(attempt(server, server.device(), "SN009999")).isEqualTo(403);

        Report r = server.imprint().reports().report(ReportQuery.ALL);

        assertThat(r.totals()).containsEntry("issued", 3L).containsEntry("provisioned", 2L)
                .containsEntry("refused", 3L).containsEntry("reissued", 0L);
        assertThat(r.refusals()).isEqualTo(Map.of("serial-in-use", 1L, "chip-already-provisioned", 1L,
                "serial-not-authorized", 1L));
        assertThat(r.hours()).containsExactly(new Report.Hour("2026-01-05T10:00:00Z", 2, 2, 1),
                new Report.Hour("2026-01-05T11:00:00Z", 1, 0, 2));
        assertThat(r.cloneSuspects()).extracting(Report.CloneSuspect::code, Report.CloneSuspect::chip,
                Report.CloneSuspect::serial).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("serial-in-use", d3.chipIdHex(), "SN000001"),
                        org.assertj.core.groups.Tuple.tuple("chip-already-provisioned", d1.chipIdHex(), "SN000004"));
        assertThat(r.orders()).containsExactly(new Report.OrderProgress("PO-1", TestServer.PRODUCT, "Acme EMS",
                "open", 10, 3, 1, 2));

        Report later = server.imprint().reports().report(new ReportQuery(null, null, null,
                Instant.parse("2026-01-05T11:00:00Z"), null));
        assertThat(later.totals()).containsEntry("issued", 1L).containsEntry("provisioned", 0L);
        Report none = server.imprint().reports().report(new ReportQuery(null, "Nobody EMS", null, null, null));
        assertThat(none.totals()).containsEntry("issued", 0L);
        assertThat(none.orders()).isEmpty();

        ObjectMapper json = new ObjectMapper();
        assertThat(json.readValue(json.writeValueAsString(r), Report.class)).isEqualTo(r);
        String[] csv = ReportCsv.format(r).split("\r\n");
        assertThat(csv[0]).isEqualTo(ReportCsv.HEADER);
        assertThat(csv).contains("hour,2026-01-05T10:00:00Z,issued,,,2", "refusal,,serial-in-use,,,1",
                "suspect,2026-01-05T10:15:00Z,serial-in-use," + d3.chipIdHex() + ",SN000001,1");
        for (String line : csv) {
            assertThat(line.split(",", -1)).hasSize(6);
        }
    }

    static void provision(TestServer server, TestDevice device, String serial, boolean receipt) throws Exception {
        ChallengeResponse challenge = server.client().challenge(TestServer.PRODUCT);
        TestDevice.Attestation a = device.attest(challenge, serial);
        ProvisioningResponse response = server.client().provisioning(server.client().attest(a.request()));
        if (receipt) {
            var reply = server.client().receipt(device.receipt(response, a.open(response)));
            assertThat(reply.status()).isEqualTo(200);
        }
    }

    static int attempt(TestServer server, TestDevice device, String serial) throws Exception {
        return server.client().attest(device.attest(server.client().challenge(TestServer.PRODUCT), serial).request())
                .status();
    }
}
