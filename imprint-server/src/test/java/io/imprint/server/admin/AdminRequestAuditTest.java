package io.imprint.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.crypto.PinnedTrustManager;
import io.imprint.server.audit.AuditEntry;
import io.imprint.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests refused before they reach the service (bad body, bad query, bad certificate) are chain entries too. */
class AdminRequestAuditTest {
    @TempDir static Path dir;
    static TestServer server;
    static AdminListener admin;
    static OperatorCa ca;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.sqlite(dir.resolve("data"));
        server.order("PO-ACME", 10, "SN000001..SN000010");
        admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0));
        ca = OperatorCa.loadOrCreate(dir.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        admin.stop();
        server.close();
    }

    @Test
    void post_nullOrInvalidJsonBody_400AndMalformedEntry() throws Exception {
        HttpClient alice = client(ca.issue(new Operator("alice", Role.OEM_ADMIN, null), Duration.ofDays(1)));
        assertThat(send(alice, "POST", "/admin/v1/orders", "null").statusCode()).isEqualTo(400);
        assertThat(send(alice, "POST", "/admin/v1/orders/PO-ACME/resize", "{\"quantity\":").statusCode()).isEqualTo(400);
        assertThat(send(alice, "PUT", "/admin/v1/products/gateway-x/policy", "[1]").statusCode()).isEqualTo(400);

        List<String> entries = payloads("alice", "request.malformed");
        assertThat(entries).anyMatch(p -> p.contains("\"route\":\"POST /admin/v1/orders\"")
                && p.contains("\"outcome\":\"malformed-request\"") && p.contains("\"operatorRole\":\"oem-admin\""));
        assertThat(entries).anyMatch(p -> p.contains("POST /admin/v1/orders/PO-ACME/resize"));
        assertThat(entries).anyMatch(p -> p.contains("PUT /admin/v1/products/gateway-x/policy"));
        assertThat(server.imprint().orders().get("PO-ACME").quantity()).isEqualTo(10);
    }

    @Test
    void post_overSizeBody_413AndEntry() throws Exception {
        HttpClient alice = client(ca.issue(new Operator("alice", Role.OEM_ADMIN, null), Duration.ofDays(1)));
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertThat(send(alice, "POST", "/admin/v1/orders", big).statusCode()).isEqualTo(413);
        assertThat(payloads("alice", "request.malformed")).anyMatch(p -> p.contains("\"outcome\":\"request-too-large\""));
    }

    @Test
    void get_badQuery_400AndEntryWithRawQuery() throws Exception {
        HttpClient carol = client(ca.issue(new Operator("carol", Role.AUDITOR, null), Duration.ofDays(1)));
        assertThat(send(carol, "GET", "/admin/v1/reports?from=bad&cm=Acme", null).statusCode()).isEqualTo(400);
        assertThat(send(carol, "GET", "/admin/v1/events?limit=many", null).statusCode()).isEqualTo(400);

        List<String> entries = payloads("carol", "request.malformed");
        assertThat(entries).anyMatch(p -> p.contains("\"route\":\"GET /admin/v1/reports\"")
                && p.contains("\"query\":\"from=bad&cm=Acme\"") && p.contains("from must be an ISO-8601 instant"));
        assertThat(entries).anyMatch(p -> p.contains("\"query\":\"limit=many\"") && p.contains("limit must be a whole number, got 'many'"));
    }

    @Test
    void request_certificateNamingNoOperator_403AndAuthRefusedEntry() throws Exception {
        HttpClient mallory = client(ca.issue(new X500Name("CN=mallory, OU=superuser"), Duration.ofDays(1)));
        HttpClient local = client(ca.issue(new X500Name("CN=local:root, OU=oem-admin"), Duration.ofDays(1)));
        assertThat(send(mallory, "GET", "/admin/v1/orders", null).statusCode()).isEqualTo(403);
        assertThat(send(local, "POST", "/admin/v1/orders/PO-ACME/suspend", "{}").statusCode()).isEqualTo(403);

        List<AuditEntry> refused = server.imprint().audit().verifyStore().entries().stream()
                .filter(e -> e.payload().contains("\"action\":\"auth.refused\"")).toList();
        assertThat(refused).anyMatch(e -> e.actor().equals("OU=superuser,CN=mallory")
                && e.payload().contains("\"route\":\"GET /admin/v1/orders\"")
                && e.payload().contains("\"operatorRole\":\"unauthenticated\"")
                && e.payload().contains("\"outcome\":\"forbidden\""));
        assertThat(refused).anyMatch(e -> e.actor().contains("CN=local:root"));
        assertThat(server.imprint().orders().get("PO-ACME").state()).isEqualTo("open");
    }

    @Test
    void unauthenticated_subjectBoundedAndPrintable() {
        AdminActor a = AdminActor.unauthenticated("CN=" + "\u0007".repeat(3) + "x".repeat(300));
        assertThat(a.name()).hasSize(128).startsWith("CN=???x").matches("[\\x20-\\x7E]+");
        assertThat(AdminActor.unauthenticated(null).name()).isEqualTo("(no client certificate)");
    }

    private static List<String> payloads(String actor, String action) throws Exception {
        return server.imprint().audit().verifyStore().entries().stream()
                .filter(e -> e.kind().equals("admin") && e.actor().equals(actor)
                        && e.payload().contains("\"action\":\"" + action + "\""))
                .map(AuditEntry::payload).toList();
    }

    private static HttpClient client(OperatorCredential who) throws Exception {
        char[] none = new char[0];
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(who.keyStore(none), none);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(kmf.getKeyManagers(), new TrustManager[] {new PinnedTrustManager(HexFormat.of().parseHex(
                admin.fingerprint()))}, null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpResponse<String> send(HttpClient http, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + admin.port() + path))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
