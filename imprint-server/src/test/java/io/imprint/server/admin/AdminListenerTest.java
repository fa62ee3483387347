package io.imprint.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.reports.ReportQuery;
import io.imprint.protocol.crypto.PinnedTrustManager;
import io.imprint.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminListenerTest {
    @TempDir static Path dir;
    @TempDir static Path otherDir;
    static TestServer server;
    static AdminListener admin;
    static URI url;
    static AdminClient oem;
    static AdminClient acme;
    static AdminClient auditor;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.sqlite(dir.resolve("data"));
        server.order("PO-ACME", 10, "SN000001..SN000010");
        server.imprint().orders().create(new OrderRequest("PO-OTHER", TestServer.PRODUCT, "Other EMS", 5,
                "SN000100..SN000104"));
        admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0));
        url = URI.create("https://127.0.0.1:" + admin.port());
        OperatorCa ca = OperatorCa.loadOrCreate(dir.resolve("data"));
        oem = client(ca, new Operator("alice", Role.OEM_ADMIN, null));
        acme = client(ca, new Operator("bob", Role.CM_OPERATOR, "Acme EMS"));
        auditor = client(ca, new Operator("carol", Role.AUDITOR, null));
    }

    @AfterAll
    static void stop() throws Exception {
        admin.stop();
        server.close();
    }

    static AdminClient client(OperatorCa ca, Operator who) throws Exception {
        return new AdminClient(url, ca.issue(who, Duration.ofDays(1)), admin.fingerprint());
    }

    @Test
    void connect_withoutClientCertificate_handshakeRefused() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(null, new TrustManager[] {new PinnedTrustManager(HexFormat.of().parseHex(admin.fingerprint()))}, null);
        HttpClient bare = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
        assertThatThrownBy(() -> bare.send(HttpRequest.newBuilder(url.resolve("/admin/v1/orders")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void connect_certificateFromAnotherCa_refused() throws Exception {
        OperatorCa foreign = OperatorCa.loadOrCreate(otherDir);
        AdminClient mallory = client(foreign, new Operator("mallory", Role.OEM_ADMIN, null));
        assertThatThrownBy(mallory::products).isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void oemAdmin_everything_allowed() {
        assertThat(oem.products()).extracting(ProductView::name).containsExactly(TestServer.PRODUCT);
        assertThat(oem.orders(null)).extracting(OrderView::name).containsExactlyInAnyOrder("PO-ACME", "PO-OTHER");
        OrderView created = oem.createOrder(new OrderRequest("PO-NEW", TestServer.PRODUCT, "Acme EMS", 2,
                "SN000200..SN000201"));
        assertThat(created.state()).isEqualTo("open");
        assertThat(oem.closeOrder("PO-NEW").reconciliation().quantity()).isEqualTo(2);
        assertThat(oem.order("PO-NEW").state()).isEqualTo("closed");
        assertThat(oem.events(null, 10)).isNotNull();
        assertThat(oem.report(ReportQuery.ALL).orders()).isNotEmpty();
    }

    @Test
    void cmOperator_ownOrdersOnly() {
        assertThat(acme.orders(null)).isNotEmpty().allMatch(o -> o.contractManufacturer().equals("Acme EMS"));
        assertThat(acme.order("PO-ACME").quantity()).isEqualTo(10);
        assertThat(acme.report(ReportQuery.ALL).orders()).allMatch(o -> o.contractManufacturer().equals("Acme EMS"));
        refused(() -> acme.order("PO-OTHER"), ProblemCode.NOT_FOUND);
        refused(() -> acme.report(new ReportQuery("PO-OTHER", null, null, null, null)), ProblemCode.NOT_FOUND);
        refused(() -> acme.report(new ReportQuery(null, "Other EMS", null, null, null)), ProblemCode.FORBIDDEN);
        refused(acme::products, ProblemCode.FORBIDDEN);
        refused(() -> acme.events(null, 10), ProblemCode.FORBIDDEN);
        refused(() -> acme.closeOrder("PO-ACME"), ProblemCode.FORBIDDEN);
        refused(() -> acme.createOrder(new OrderRequest("PO-X", TestServer.PRODUCT, "Acme EMS", 1, "SN000300..SN000300")),
                ProblemCode.FORBIDDEN);
    }

    @Test
    void auditor_readOnly() {
        assertThat(auditor.products()).hasSize(1);
        assertThat(auditor.events(null, 5)).isNotNull();
        assertThat(auditor.report(ReportQuery.ALL).orders()).extracting(r -> r.contractManufacturer())
                .contains("Acme EMS", "Other EMS");
        refused(() -> auditor.closeOrder("PO-ACME"), ProblemCode.FORBIDDEN);
        refused(() -> auditor.enroll(new EnrollRequest("p2", "X", "00".repeat(32), "00", null)), ProblemCode.FORBIDDEN);
        assertThat(auditor.order("PO-ACME").state()).isEqualTo("open");
    }

    @Test
    void refusal_problemJsonAndAuditEntry() throws Exception {
        refused(() -> oem.order("PO-MISSING"), ProblemCode.NOT_FOUND);
        long rows = server.imprint().database().autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM admin_actions WHERE operator = ? "
                    + "AND action = 'orders.get' AND details LIKE '%outcome=not-found%'")) {
                s.setString(1, "alice");
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
        assertThat(rows).isEqualTo(1);
    }

    private static void refused(Runnable call, ProblemCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
