package io.imprint.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditEntry;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.reports.ReportQuery;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admin actions and their audit record, on every store: a change and its entry (and event) commit
 * together, refusals keep what was asked, admin-caused events name the operator.
 */
abstract class AdminAuditContract {
    private static final Operator ALICE = new Operator("alice", Role.OEM_ADMIN, null);
    private static final Operator BOB = new Operator("bob", Role.CM_OPERATOR, "Acme EMS");
    private static final PolicyRequest POLICY = new PolicyRequest(">=2.0.0", null, false, "zeros", null, null, null,
            null);
    @TempDir Path dir;
    TestServer server;
    AdminService admin;

    abstract TestServer start(Path dataDir) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        server = start(dir);
        server.order("PO-ACME", 10, "SN000001..SN000010");
        server.imprint().orders().create(new OrderRequest("PO-OTHER", TestServer.PRODUCT, "Other EMS", 5,
                "SN000100..SN000104"));
        admin = server.imprint().admin();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void report_cmOperatorAsksAnotherCm_entryKeepsRequestedCm() throws Exception {
        assertThatThrownBy(() -> admin.report(BOB, new ReportQuery(null, "Other EMS", null, null, null)))
                .isInstanceOfSatisfying(ImprintException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.FORBIDDEN));

        assertThat(entries("admin", "bob")).anyMatch(e -> e.payload().equals("{\"action\":\"reports.get\","
                + "\"cm\":\"Other EMS\",\"operatorCm\":\"Acme EMS\",\"operatorRole\":\"cm-operator\","
                + "\"outcome\":\"forbidden\"}"));
    }

    @Test
    void change_auditAppendFails_changeNotMadeAndCallFails() throws Exception {
        String chip = server.provisioned("SN000001").chipIdHex();
        long eventsBefore = count("events");
        long before = server.imprint().audit().verifyStore().entryCount();
        rename("audit_entries", "audit_entries_gone");

        assertThatThrownBy(() -> admin.suspendOrder(ALICE, "PO-ACME")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> admin.resizeOrder(ALICE, "PO-ACME", 4)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> admin.closeOrder(ALICE, "PO-OTHER")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> admin.setPolicy(ALICE, TestServer.PRODUCT, POLICY)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> admin.createOrder(ALICE, new OrderRequest("PO-NEW", TestServer.PRODUCT, "Acme EMS", 1,
                "SN000500..SN000500"))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> admin.authorizeReprovision(ALICE, new ReprovisionRequest(TestServer.PRODUCT, chip,
                "RMA-1"))).isInstanceOf(RuntimeException.class).isNotInstanceOf(ImprintException.class);
        assertThatThrownBy(() -> admin.checkpoint(ALICE)).isInstanceOf(RuntimeException.class);

        rename("audit_entries_gone", "audit_entries");
        assertThat(server.imprint().orders().get("PO-ACME").state()).isEqualTo("open");
        assertThat(server.imprint().orders().get("PO-ACME").quantity()).isEqualTo(10);
        assertThat(server.imprint().orders().get("PO-OTHER").state()).isEqualTo("open");
        assertThat(server.imprint().orders().list(null)).extracting(o -> o.name()).doesNotContain("PO-NEW");
        assertThat(server.imprint().policies().get(TestServer.PRODUCT).describe()).isEqualTo(TestServer.POLICY.describe());
        assertThat(count("reprovision_authorizations") + count("admin_actions") + count("order_reconciliations"))
                .isZero();
        assertThat(count("events")).isEqualTo(eventsBefore);
        assertThat(count("audit_checkpoints")).isEqualTo(server.imprint().audit().verifyStore().checkpointCount());
        assertThat(server.imprint().audit().verifyStore().entryCount()).isEqualTo(before);
    }

    @Test
    void change_ok_entryAndEventCommittedTogetherNamingTheOperator() throws Exception {
        String chip = server.provisioned("SN000001").chipIdHex();
        int devicePart = server.imprint().audit().verifyStore().entries().size();
        admin.suspendOrder(ALICE, "PO-ACME");
        admin.resumeOrder(ALICE, "PO-ACME");
        admin.resizeOrder(ALICE, "PO-ACME", 8);
        admin.setPolicy(ALICE, TestServer.PRODUCT, POLICY);
        admin.authorizeReprovision(ALICE, new ReprovisionRequest(TestServer.PRODUCT, chip.toLowerCase(), "RMA-1"));
        admin.closeOrder(ALICE, "PO-OTHER");
        server.imprint().orders().suspend("PO-ACME");

        List<AuditEntry> events = server.imprint().audit().verifyStore().entries().stream().skip(devicePart)
                .filter(e -> e.kind().equals("event")).toList();
        for (String outcome : List.of("order-suspended", "order-resumed", "order-resized", "policy-changed",
                "reprovision-authorized", "order-closed")) {
            assertThat(events).as(outcome).anyMatch(e -> e.payload().contains("\"outcome\":\"" + outcome + "\"")
                    && e.actor().equals("alice"));
        }
        assertThat(events).noneMatch(e -> e.actor().equals("device"));
        assertThat(events.getLast().actor()).as("a direct library call").isEqualTo("system");
        List<AuditEntry> all = server.imprint().audit().verifyStore().entries();
        for (int i = 0; i < all.size() - 1; i++) {
            if (all.get(i).kind().equals("event") && all.get(i).actor().equals("alice")) {
                assertThat(all.get(i + 1).kind()).as("the admin entry follows its event").isEqualTo("admin");
                assertThat(all.get(i + 1).payload()).contains("\"outcome\":\"ok\"");
            }
        }
        assertThat(count("admin_actions")).isEqualTo(entries("admin", "alice").size());
    }

    @Test
    void checkpoint_entryCommitsWithIt_rightAfterTheCoveredEntry() throws Exception {
        admin.suspendOrder(ALICE, "PO-ACME");
        CheckpointView cp = admin.checkpoint(ALICE);
        List<AuditEntry> all = server.imprint().audit().verifyStore().entries();
        assertThat(all).hasSize((int) cp.seq() + 1);
        assertThat(all.getLast().payload()).contains("\"action\":\"audit.checkpoint\"");
    }

    @Test
    void authorizeReprovision_local_actorIsLocalUserAndByIsADetail() throws Exception {
        String chip = server.provisioned("SN000001").chipIdHex();
        ReprovisionView v = admin.authorizeReprovision(Operator.local("ops"),
                new ReprovisionRequest(TestServer.PRODUCT, chip, "RMA-2", "alice"));
        assertThat(v.by()).isEqualTo("alice");

        assertThat(entries("admin", "local:ops")).singleElement().satisfies(e -> assertThat(e.payload())
                .contains("\"authorizedBy\":\"alice\"").contains("\"operatorRole\":\"oem-admin\""));
        assertThat(entries("admin", "alice")).isEmpty();
        assertThat(entries("event", "local:ops")).singleElement().satisfies(e -> assertThat(e.payload())
                .contains("reprovision-authorized").contains("authorized by alice: RMA-2"));
        assertThatThrownBy(() -> admin.authorizeReprovision(ALICE, new ReprovisionRequest(TestServer.PRODUCT, chip,
                "RMA-3", "carol"))).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
    }

    @Test
    void authorizeReprovision_neverProvisionedChip_notFoundRecordedAndNothingStored() throws Exception {
        assertThatThrownBy(() -> admin.authorizeReprovision(ALICE, new ReprovisionRequest(TestServer.PRODUCT, "0A1B",
                "RMA-4"))).isInstanceOfSatisfying(ImprintException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.NOT_FOUND);
                    assertThat(e.detail()).contains("0A1B").contains("never provisioned");
                });

        assertThat(count("reprovision_authorizations")).isZero();
        assertThat(entries("event", null)).noneMatch(e -> e.payload().contains("reprovision-authorized"));
        assertThat(entries("admin", "alice")).singleElement().satisfies(e -> assertThat(e.payload())
                .contains("\"action\":\"units.authorize-reprovision\"").contains("\"outcome\":\"not-found\""));
    }

    private List<AuditEntry> entries(String kind, String actor) throws Exception {
        return server.imprint().audit().verifyStore().entries().stream()
                .filter(e -> e.kind().equals(kind) && (actor == null || e.actor().equals(actor))).toList();
    }

    private void rename(String from, String to) {
        server.imprint().database().autoCommit(c -> {
            try (var s = c.createStatement()) {
                return s.executeUpdate("ALTER TABLE " + from + " RENAME TO " + to);
            }
        });
    }

    private long count(String table) {
        return server.imprint().database().autoCommit(c -> {
            try (var s = c.createStatement(); var r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}
