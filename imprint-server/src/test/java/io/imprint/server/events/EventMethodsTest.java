package io.imprint.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.server.ServerConfig;
import io.imprint.server.audit.AuditEntry;
import io.imprint.server.issuance.PemFiles;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.products.ProductEnrollment;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportCsv;
import io.imprint.server.reports.ReportQuery;
import io.imprint.server.store.EventRow;
import io.imprint.server.testing.TestDatabases;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestSecureElement;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every attestation event records its method (and its audit entry carries it); the report splits
 * provisioned and refused counts by method. A pkcs11-se product beside the caam-mp test product.
 */
class EventMethodsTest {
    private static final String SE_PRODUCT = "sensor-se";
    @TempDir Path dir;

    @Test
    void provisionAndRefusals_onSqlite_eventsAuditAndReportCarryTheMethod() throws Exception {
        try (TestServer server = TestServer.sqlite(dir)) {
            run(server);
        }
    }

    @Test
    void provisionAndRefusals_onPostgres_eventsAuditAndReportCarryTheMethod() throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, "IMPRINT_TEST_PG_URL not set");
        TestDatabases.PostgresSchema schema = TestDatabases.freshSchema();
        try (TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0)
                .withDatabaseUrl(schema.url()), schema)) {
            run(server);
        }
    }

    private void run(TestServer server) throws Exception {
        var vendor = TestSecureElement.vendor("Test SE vendor");
        server.imprint().products().enroll(new ProductEnrollment(SE_PRODUCT, "SE050", null, null, null,
                TestServer.POLICY, List.of(AttestationMethod.PKCS11_SE),
                Map.of(AttestationMethod.PKCS11_SE, PemFiles.pem(vendor.certificate()))));
        server.imprint().orders().create(new OrderRequest("PO-SE", SE_PRODUCT, "Acme EMS", 10, "SE000001..SE000010"));
        server.order("PO-1", 10, "SN000001..SN000010");

        TestSecureElement se = TestSecureElement.issuedBy(vendor);
        ChallengeResponse challenge = server.client().challenge(SE_PRODUCT);
        TestDevice.Attestation a = se.attest(SE_PRODUCT, challenge, "SE000001");
        ProvisioningResponse response = server.client().provisioning(server.client().attest(a.request()));
        assertThat(server.client().receipt(se.receipt(response, a.open(response))).status()).isEqualTo(200);
        server.provisioned("SN000001");
        // an MP chip's evidence sent as pkcs11-se to the MP-only product: refused, the method it tried kept
        AttestationRequest mp = server.device().attest(server.client().challenge(TestServer.PRODUCT), "SN000002")
                .request();
        assertThat(server.client().attest(new AttestationRequest("pkcs11-se", mp.evidence(), null, mp.signature(),
                null)).status()).isEqualTo(403);

        List<EventRow> events = server.imprint().events().recent(null, 10);
        assertThat(events).filteredOn(e -> e.chipId() != null).extracting(EventRow::outcome, EventRow::product, EventRow::method).containsExactlyInAnyOrder(
                tuple("issued", SE_PRODUCT, "pkcs11-se"), tuple("provisioned", SE_PRODUCT, "pkcs11-se"),
                tuple("issued", TestServer.PRODUCT, "caam-mp"), tuple("provisioned", TestServer.PRODUCT, "caam-mp"),
                tuple("method-not-accepted", TestServer.PRODUCT, "pkcs11-se"));
        List<AuditEntry> entries = server.imprint().audit().verifyStore().entries();
        assertThat(entries).filteredOn(e -> e.kind().equals("event") && e.payload().contains("\"chipId\"")
                && e.payload().contains("\"product\":\"" + SE_PRODUCT + "\""))
                .hasSize(2).allMatch(e -> e.payload().contains("\"method\":\"pkcs11-se\""));
        assertThat(entries).filteredOn(e -> e.payload().contains("\"outcome\":\"method-not-accepted\""))
                .singleElement().satisfies(e -> assertThat(e.payload()).contains("\"method\":\"pkcs11-se\""));

        Report r = server.imprint().reports().report(ReportQuery.ALL);
        assertThat(r.methods()).containsExactly(
                new Report.MethodCounts("caam-mp", new Report.Counts(1, 0), new Report.Counts(0, 0)),
                new Report.MethodCounts("pkcs11-se", new Report.Counts(1, 0), new Report.Counts(1, 0)));
        assertThat(ReportCsv.format(r).split("\r\n")).contains("method,,,provisioned,,,1,0,1,pkcs11-se",
                "method,,,refused,,,1,0,1,pkcs11-se", "method,,,refused,,,0,0,0,caam-mp");
    }
}
