package io.imprint.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.admin.OperatorCa;
import io.imprint.server.issuance.PemFiles;
import io.imprint.server.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser harness against the admin listener, for real: headless Chromium presents the operator's
 * {@code .p12} (from {@code imprint admin issue-cert}) over mTLS, and the server's roles decide. An
 * oem-admin reads, a cm-operator is refused a route of its role list and sees its own CM only, and a
 * certificate from another operator CA never gets past the TLS handshake.
 */
class AdminListenerBrowserTest {
    @TempDir static Path dir;
    private static TestServer server;
    private static final List<AdminListener> listeners = new ArrayList<>();
    private static ConsoleBrowser browser;
    private static URI alice;
    private static URI bob;
    private static URI mallory;

    @BeforeAll
    static void start() throws Exception {
        SystemBrowser.requireInstalled();
        Path data = dir.resolve("data");
        server = TestServer.sqlite(data);
        server.order("PO-ACME", 3, "SN000001..SN000010");
        server.imprint().orders().create(new io.imprint.server.orders.OrderRequest("PO-OTHER", TestServer.PRODUCT,
                "Other EMS", 2, "SN000011..SN000020"));
        Path operators = dir.resolve("operators");
        Path otherCa = dir.resolve("other-ca");
        OperatorCa.create(otherCa);
        List<BrowserOperator> held = List.of(
                BrowserOperator.issue(data, operators, "alice", "oem-admin", null),
                BrowserOperator.issue(data, operators, "bob", "cm-operator", "Acme EMS"),
                BrowserOperator.issue(otherCa, operators, "mallory", "oem-admin", null));
        alice = origin(listen());
        bob = origin(listen());
        mallory = origin(listen());
        browser = ConsoleBrowser.start(dir.resolve("browser"), PemFiles.certificate(server.listener().certificatePem()),
                held, Map.of(alice, "alice", bob, "bob", mallory, "mallory"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        listeners.forEach(AdminListener::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oemAdminCertificate_readsEveryOrder_andIsRecordedAsAlice() throws Exception {
        String page = browser.open(alice.resolve("/admin/v1/orders"));
        browser.screenshot("admin-api-orders-oem-admin");

        assertThat(page).contains("\"name\":\"PO-ACME\"").contains("\"name\":\"PO-OTHER\"");
        assertThat(AdminActions.of(dir.resolve("data"), "alice")).contains("orders.list outcome=ok");
    }

    @Test
    void cmOperatorCertificate_refusedOutsideItsRole_andSeesOnlyItsCm() throws Exception {
        String events = browser.open(bob.resolve("/admin/v1/events"));
        String orders = browser.open(bob.resolve("/admin/v1/orders"));
        String other = browser.open(bob.resolve("/admin/v1/orders/PO-OTHER"));

        assertThat(events).contains("\"code\":\"forbidden\"").contains("cm-operator");
        assertThat(orders).contains("PO-ACME").doesNotContain("PO-OTHER");
        assertThat(other).contains("\"code\":\"not-found\"");
        assertThat(AdminActions.of(dir.resolve("data"), "bob")).anySatisfy(row -> assertThat(row).startsWith("route.refused ")
                .contains("outcome=forbidden"));
    }

    @Test
    void certificateOfAnotherOperatorCa_failsTheHandshake() throws Exception {
        String error = browser.openRefused(mallory.resolve("/admin/v1/orders"));

        // TLS 1.3: the server's refusal may reach Chromium after it sent its Finished, so the socket's
        // closing is what it sees then.
        assertThat(error).isIn("ERR_BAD_SSL_CLIENT_AUTH_CERT", "ERR_SOCKET_NOT_CONNECTED", "ERR_CONNECTION_RESET",
                "ERR_CONNECTION_CLOSED", "ERR_EMPTY_RESPONSE");
        assertThat(AdminActions.of(dir.resolve("data"), "mallory")).isEmpty();
    }

    private static AdminListener listen() {
        AdminListener listener = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0));
        listeners.add(listener);
        return listener;
    }

    private static URI origin(AdminListener listener) {
        return URI.create("https://127.0.0.1:" + listener.port());
    }
}
