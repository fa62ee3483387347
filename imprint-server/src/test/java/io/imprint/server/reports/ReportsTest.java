package io.imprint.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.bundle.ImportProgress;
import io.imprint.server.ServerConfig;
import io.imprint.server.testing.MutableClock;
import io.imprint.server.testing.OfflineLot;
import io.imprint.server.testing.TestDatabases;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports: one vocabulary, every count split by path, unknown filters refused. */
class ReportsTest {
    static final Instant START = Instant.parse("2026-01-05T10:15:00Z");
    @TempDir Path dir;

    @Test
    void report_networkedAndOfflineRunOnSqlite_countsEachWordByPath() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0).withClock(clock), null)) {
            run(server, clock);
        }
    }

    @Test
    void report_networkedAndOfflineRunOnPostgres_countsEachWordByPath() throws Exception {
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
        server.order("PO-OFF", 5, "SN000101..SN000105");
        OfflineLot lot = OfflineLot.build(server, dir.resolve("lot"), "PO-OFF");
        TestDevice d1 = server.device();
        provision(server, d1, "SN000001", true);
        provision(server, server.device(), "SN000002", true);
        TestDevice d3 = server.device();
        assertThat(attempt(server, d3, "SN000001")).isEqualTo(409);
        clock.advance(Duration.ofHours(1));
        provision(server, server.device(), "SN000003", false);
        assertThat(attempt(server, d1, "SN000004")).isEqualTo(409);
        assertThat(attempt(server, server.device(), "SN009999")).isEqualTo(403);
        clock.advance(Duration.ofMinutes(1));
        server.imprint().receiptImport().importLines(List.of(lot.line("0A0B0C01", "SN000101"),
                lot.line("0A0B0C02", "SN000001")), null, lot.receiptKey(), ImportProgress.NONE);

        Report r = server.imprint().reports().report(ReportQuery.ALL);

        assertThat(r.totals()).containsExactly(entry("issued", counts(3, 0)), entry("reissued", counts(0, 0)),
                entry("reprovisioned", counts(0, 0)), entry("provisioned", counts(2, 1)), entry("refused", counts(3, 1)));
        assertThat(r.refusals()).isEqualTo(Map.of("serial-in-use", counts(1, 1), "chip-already-provisioned", counts(1, 0),
                "serial-not-authorized", counts(1, 0)));
        assertThat(r.hours()).containsExactly(
                new Report.Hour("2026-01-05T10:00:00Z", counts(2, 0), counts(2, 0), counts(1, 0)),
                new Report.Hour("2026-01-05T11:00:00Z", counts(1, 0), counts(0, 1), counts(2, 1)));
        assertThat(r.cloneSuspects()).extracting(Report.CloneSuspect::path, Report.CloneSuspect::code,
                Report.CloneSuspect::chip, Report.CloneSuspect::serial, Report.CloneSuspect::order).containsExactly(
                        tuple("networked", "serial-in-use", d3.chipIdHex(), "SN000001", "PO-1"),
                        tuple("networked", "chip-already-provisioned", d1.chipIdHex(), "SN000004", "PO-1"),
                        tuple("offline", "serial-in-use", "0A0B0C02", "SN000001", "PO-OFF"));
        // used = awaiting receipt + provisioned, per path; used equals the order's own counter
        assertThat(r.orders()).containsExactly(
                new Report.OrderProgress("PO-1", TestServer.PRODUCT, "Acme EMS", "open", 10, counts(3, 0),
                        counts(1, 0), counts(2, 0)),
                new Report.OrderProgress("PO-OFF", TestServer.PRODUCT, "Acme EMS", "open", 5, counts(0, 1),
                        counts(0, 0), counts(0, 1)));
        assertThat(server.imprint().orders().get("PO-1").used()).isEqualTo(3);
        // every event of this run is caam-mp (networked MP devices, offline MP receipts)
        assertThat(r.methods()).containsExactly(new Report.MethodCounts("caam-mp", counts(2, 1), counts(3, 1)));

        Report later = server.imprint().reports().report(new ReportQuery(null, null, null,
                Instant.parse("2026-01-05T11:00:00Z"), null));
        assertThat(later.totals()).containsEntry("issued", counts(1, 0)).containsEntry("provisioned", counts(0, 1));
        Report offline = server.imprint().reports().report(new ReportQuery("PO-OFF", null, TestServer.PRODUCT, null, null));
        assertThat(offline.totals()).containsEntry("provisioned", counts(0, 1)).containsEntry("refused", counts(0, 1));
        assertThat(offline.orders()).extracting(Report.OrderProgress::name).containsExactly("PO-OFF");

        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(r);
        assertThat(text).contains("\"provisioned\":{\"networked\":2,\"offline\":1,\"total\":3}");
        assertThat(json.readValue(text, Report.class)).isEqualTo(r);
        String[] csv = ReportCsv.format(r).split("\r\n");
        assertThat(csv[0]).isEqualTo(ReportCsv.HEADER);
        assertThat(csv).contains("total,,,provisioned,,,2,1,3,", "hour,2026-01-05T10:00:00Z,,issued,,,2,0,2,",
                "refusal,,,serial-in-use,,,1,1,2,",
                "suspect,2026-01-05T10:15:00Z,PO-1,serial-in-use," + d3.chipIdHex() + ",SN000001,1,0,1,",
                "suspect,2026-01-05T11:16:00Z,PO-OFF,serial-in-use,0A0B0C02,SN000001,0,1,1,",
                "order,,PO-1,quantity,,,,,10,", "order,,PO-1,used,,,3,0,3,", "order,,PO-1,awaiting-receipt,,,1,0,1,",
                "order,,PO-OFF,provisioned,,,0,1,1,", "method,,,provisioned,,,2,1,3,caam-mp",
                "method,,,refused,,,3,1,4,caam-mp");
        for (String line : csv) {
            assertThat(line.split(",", -1)).hasSize(10);
        }
    }

    @Test
    void report_unknownProductOrderOrCm_notFoundInsteadOfZeros() throws Exception {
        try (TestServer server = TestServer.sqlite(dir)) {
            server.order("PO-1", 10, "SN000001..SN000010");
            Reports reports = server.imprint().reports();
            for (ReportQuery q : List.of(new ReportQuery(null, null, "no-such-product", null, null),
                    new ReportQuery("PO-404", null, null, null, null),
                    new ReportQuery(null, "Nobody EMS", null, null, null),
                    new ReportQuery("PO-1", "Nobody EMS", null, null, null))) {
                assertThatThrownBy(() -> reports.report(q)).as(q.toString()).isInstanceOf(ImprintException.class)
                        .extracting(e -> ((ImprintException) e).code()).isEqualTo(ProblemCode.NOT_FOUND);
            }
            assertThatThrownBy(() -> reports.reportForCm("Other EMS", new ReportQuery("PO-1", null, null, null, null)))
                    .extracting(e -> ((ImprintException) e).code()).isEqualTo(ProblemCode.NOT_FOUND);
            // a cm-operator's own CM without orders yet is an empty report, not an error
            assertThat(reports.reportForCm("Other EMS", ReportQuery.ALL).orders()).isEmpty();
            assertThat(reports.report(new ReportQuery("PO-1", "Acme EMS", TestServer.PRODUCT, null, null)).orders())
                    .singleElement().satisfies(o -> assertThat(o.quantity()).isEqualTo(10));
        }
    }

    private static Report.Counts counts(long networked, long offline) {
        return new Report.Counts(networked, offline);
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
