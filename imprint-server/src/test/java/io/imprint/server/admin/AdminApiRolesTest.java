package io.imprint.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditEntry;
import io.imprint.server.audit.AuditExportFile;
import io.imprint.server.audit.AuditVerifier;
import io.imprint.server.audit.VerifiedAuditLog;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.orders.VerifiedReconciliation;
import io.imprint.server.testing.TestServer;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin routes beyond listing: who may change, read and audit what; every call leaves an admin entry. */
class AdminApiRolesTest {
    private static final PolicyRequest POLICY = new PolicyRequest(">=1.0.0", "board", false, "zeros,optee", null,
            null, null, null);
    @TempDir static Path dir;
    static TestServer server;
    static AdminListener admin;
    static AdminClient oem;
    static AdminClient acme;
    static AdminClient auditor;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.sqlite(dir.resolve("data"));
        server.order("PO-ACME", 10, "SN000001..SN000010");
        server.imprint().orders().create(new OrderRequest("PO-OTHER", TestServer.PRODUCT, "Other EMS", 5,
                "SN000100..SN000104"));
        server.imprint().orders().close("PO-ACME");
        server.imprint().orders().close("PO-OTHER");
        admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0));
        OperatorCa ca = OperatorCa.loadOrCreate(dir.resolve("data"));
        URI url = URI.create("https://127.0.0.1:" + admin.port());
        oem = new AdminClient(url, ca.issue(new Operator("alice", Role.OEM_ADMIN, null), Duration.ofDays(1)),
                admin.fingerprint());
        acme = new AdminClient(url, ca.issue(new Operator("bob", Role.CM_OPERATOR, "Acme EMS"), Duration.ofDays(1)),
                admin.fingerprint());
        auditor = new AdminClient(url, ca.issue(new Operator("carol", Role.AUDITOR, null), Duration.ofDays(1)),
                admin.fingerprint());
    }

    @AfterAll
    static void stop() throws Exception {
        admin.stop();
        server.close();
    }

    @Test
    void oemAdmin_lifecycleOverApi_signedReconciliationAndAdminEntries() throws Exception {
        server.order("PO-RMA", 1, "SN000400..SN000400");
        String chip = server.provisioned("SN000400").chipIdHex(); // before the policy below requires metadata
        server.imprint().orders().close("PO-RMA");
        OrderView draft = oem.createOrder(new OrderRequest("PO-LIFE", TestServer.PRODUCT, "Acme EMS", 3,
                "SN000300..SN000309", "server", java.time.Instant.parse("2026-01-01T00:00:00Z"), null, true));
        assertThat(draft.state()).isEqualTo("draft");
        assertThat(draft.validFrom()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(oem.openOrder("PO-LIFE").state()).isEqualTo("open");
        assertThat(oem.suspendOrder("PO-LIFE").state()).isEqualTo("suspended");
        assertThat(oem.resumeOrder("PO-LIFE").state()).isEqualTo("open");
        assertThat(oem.resizeOrder("PO-LIFE", 5).quantity()).isEqualTo(5);
        refused(() -> oem.resizeOrder("PO-LIFE", 50), ProblemCode.MALFORMED_REQUEST);
        VerifiedReconciliation closed = oem.closeOrder("PO-LIFE");
        assertThat(closed.reconciliation().quantity()).isEqualTo(5);
        assertThat(closed.reconciliation().serialMode()).isEqualTo("server");
        assertThat(oem.reconciliation("PO-LIFE").canonicalJson()).isEqualTo(closed.canonicalJson());
        refused(() -> oem.closeOrder("PO-LIFE"), ProblemCode.CONFLICT);

        assertThat(oem.setPolicy(TestServer.PRODUCT, POLICY).policy()).contains("software >=1.0.0; metadata board");
        refused(() -> oem.setPolicy(TestServer.PRODUCT, new PolicyRequest(">=one", null, false, null, null, null,
                null, null)), ProblemCode.MALFORMED_REQUEST);
        refused(() -> oem.authorizeReprovision(new ReprovisionRequest(TestServer.PRODUCT, "0a1b2c3d", "RMA-6")),
                ProblemCode.NOT_FOUND);
        ReprovisionView rma = oem.authorizeReprovision(new ReprovisionRequest(TestServer.PRODUCT, chip.toLowerCase(),
                "RMA-7"));
        assertThat(rma.by()).isEqualTo("alice");
        assertThat(rma.chip()).isEqualTo(chip);
        CheckpointView cp = oem.checkpoint();

        List<String> mine = adminPayloads("alice");
        for (String action : List.of("orders.create", "orders.open", "orders.suspend", "orders.resume",
                "orders.resize", "orders.close", "orders.reconciliation", "products.policy",
                "units.authorize-reprovision")) {
            assertThat(mine).as(action).anyMatch(p -> p.contains("\"action\":\"" + action + "\"")
                    && p.contains("\"outcome\":\"ok\"") && p.contains("\"operatorRole\":\"oem-admin\""));
        }
        assertThat(mine).anyMatch(p -> p.contains("orders.close") && p.contains("\"outcome\":\"conflict\""));
        assertThat(adminPayloads("alice")).anyMatch(p -> p.contains("audit.checkpoint"));
        assertThat(cp.seq()).isPositive();
    }

    @Test
    void cmOperator_ownReconciliationOnly_noChangesNoAudit() throws Exception {
        assertThat(acme.reconciliation("PO-ACME").reconciliation().contractManufacturer()).isEqualTo("Acme EMS");
        refused(() -> acme.reconciliation("PO-OTHER"), ProblemCode.NOT_FOUND);
        refused(() -> acme.order("PO-OTHER"), ProblemCode.NOT_FOUND);
        refused(() -> acme.exportAudit(new StringWriter()), ProblemCode.FORBIDDEN);
        refused(acme::verifyAudit, ProblemCode.FORBIDDEN);
        refused(acme::checkpoint, ProblemCode.FORBIDDEN);
        refused(() -> acme.events(null, 5), ProblemCode.FORBIDDEN);
        refused(() -> acme.suspendOrder("PO-ACME"), ProblemCode.FORBIDDEN);
        refused(() -> acme.resizeOrder("PO-ACME", 1), ProblemCode.FORBIDDEN);
        refused(() -> acme.setPolicy(TestServer.PRODUCT, POLICY), ProblemCode.FORBIDDEN);
        refused(() -> acme.authorizeReprovision(new ReprovisionRequest(TestServer.PRODUCT, "AA", "x")),
                ProblemCode.FORBIDDEN);
        List<String> bobs = adminPayloads("bob");
        assertThat(bobs).anyMatch(p -> p.contains("orders.reconciliation") && p.contains("\"outcome\":\"not-found\"")
                && p.contains("\"operatorCm\":\"Acme EMS\""));
        assertThat(bobs).anyMatch(p -> p.contains("GET /admin/v1/audit/export") && p.contains("\"outcome\":\"forbidden\""));
        assertThat(bobs).anyMatch(p -> p.contains("POST /admin/v1/orders/PO-ACME/suspend"));
    }

    @Test
    void auditor_readsAuditAndReconciliations_changesNothing() throws Exception {
        StringWriter export = new StringWriter();
        long exported = auditor.exportAudit(export).entries().size();
        VerifiedAuditLog verified = AuditVerifier.verifyExport(AuditExportFile.read(new StringReader(export.toString())),
                server.imprint().auditKey().publicKey());
        assertThat(verified.entryCount()).isEqualTo(exported).isPositive();
        AuditVerification store = auditor.verifyAudit();
        assertThat(store.verified()).isTrue();
        assertThat(store.summary()).startsWith("OK: ");
        assertThat(auditor.reconciliation("PO-OTHER").reconciliation().quantity()).isEqualTo(5);
        refused(() -> auditor.openOrder("PO-ACME"), ProblemCode.FORBIDDEN);
        refused(() -> auditor.suspendOrder("PO-ACME"), ProblemCode.FORBIDDEN);
        refused(() -> auditor.resumeOrder("PO-ACME"), ProblemCode.FORBIDDEN);
        refused(() -> auditor.resizeOrder("PO-ACME", 3), ProblemCode.FORBIDDEN);
        refused(() -> auditor.closeOrder("PO-ACME"), ProblemCode.FORBIDDEN);
        refused(() -> auditor.setPolicy(TestServer.PRODUCT, POLICY), ProblemCode.FORBIDDEN);
        refused(() -> auditor.authorizeReprovision(new ReprovisionRequest(TestServer.PRODUCT, "AA", "x")),
                ProblemCode.FORBIDDEN);
        refused(auditor::checkpoint, ProblemCode.FORBIDDEN);
        assertThat(adminPayloads("carol")).anyMatch(p -> p.contains("audit.export") && p.contains("\"outcome\":\"ok\""))
                .anyMatch(p -> p.contains("audit.verify") && p.contains("\"operatorRole\":\"auditor\""));
    }

    @Test
    void verifyAudit_editedEntry_tamperFindingNotOk() throws Exception {
        try (TestServer other = TestServer.sqlite(dir.resolve("tampered"));
             AdminListener listener = other.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0))) {
            other.order("PO-T", 2, "SN000001..SN000002");
            other.imprint().audit().append("admin", "alice", java.util.Map.of("action", "x"));
            other.imprint().audit().checkpoint();
            other.imprint().database().autoCommit(c -> {
                try (var s = c.createStatement()) {
                    return s.executeUpdate("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 1");
                }
            });
            AdminClient carol = new AdminClient(URI.create("https://127.0.0.1:" + listener.port()),
                    OperatorCa.loadOrCreate(dir.resolve("tampered")).issue(new Operator("carol", Role.AUDITOR, null),
                            Duration.ofDays(1)), listener.fingerprint());
            AuditVerification v = carol.verifyAudit();
            assertThat(v.verified()).isFalse();
            assertThat(v.tamperedSeq()).isEqualTo(1);
            assertThat(v.summary()).startsWith("TAMPERED: audit entry 1: edited entry");
        }
    }

    private static List<String> adminPayloads(String actor) throws Exception {
        return server.imprint().audit().verifyStore().entries().stream()
                .filter(e -> e.kind().equals("admin") && e.actor().equals(actor)).map(AuditEntry::payload).toList();
    }

    private static void refused(Runnable call, ProblemCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
