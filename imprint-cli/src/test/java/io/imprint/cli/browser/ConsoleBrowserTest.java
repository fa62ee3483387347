package io.imprint.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.issuance.PemFiles;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.testing.ConsoleServer;
import io.imprint.server.testing.DeviceClient;
import io.imprint.server.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The operator console in Debian's headless Chromium, each operator presenting its {@code .p12} over
 * mTLS: alice (oem-admin) on the console's listener, bob (cm-operator of Acme EMS) and carol (auditor)
 * each on a listener of their own (Chromium keeps one client certificate per host and port). Every page
 * visited is saved as a screenshot in {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest {
    private static final int SWARM = 16;
    @TempDir static Path dir;
    private static ConsoleServer console;
    private static TestServer server;
    private static final List<AdminListener> listeners = new ArrayList<>();
    private static ConsoleBrowser browser;
    private static URI alice;
    private static URI bob;
    private static URI carol;

    @BeforeAll
    static void start() throws Exception {
        SystemBrowser.requireInstalled();
        console = ConsoleServer.sqlite(dir.resolve("data"));
        server = console.server();
        Path operators = dir.resolve("operators");
        List<BrowserOperator> held = List.of(
                BrowserOperator.issue(console.dataDir(), operators, "alice", "oem-admin", null),
                BrowserOperator.issue(console.dataDir(), operators, "bob", "cm-operator", ConsoleServer.ACME),
                BrowserOperator.issue(console.dataDir(), operators, "carol", "auditor", null));
        alice = console.url();
        bob = listen();
        carol = listen();
        browser = ConsoleBrowser.start(dir.resolve("browser"), PemFiles.certificate(server.listener().certificatePem()),
                held, Map.of(alice, "alice", bob, "bob", carol, "carol"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        listeners.forEach(AdminListener::close);
        if (console != null) {
            console.close();
        }
    }

    @Test
    void orderPage_whileASwarmProvisions_progressesLiveWithoutReload() throws Exception {
        server.order("PO-SWARM", SWARM, "SN001001..SN001100");
        browser.open(alice.resolve("/console/orders/PO-SWARM"));
        browser.markDocument();
        assertThat(browser.await("order-provisioned").getText()).isEqualTo("0");

        swarm(1001, SWARM / 2);
        browser.await(d -> text(d, "order-provisioned").equals(Integer.toString(SWARM / 2)));
        assertThat(browser.sameDocument()).as("updated in place").isTrue();
        swarm(1001 + SWARM / 2, SWARM / 2);
        browser.await(d -> text(d, "order-provisioned").equals(Integer.toString(SWARM)));
        WebElement chart = browser.await(d -> d.findElement(By.cssSelector(
                "#rate-chart[data-total-provisioned='" + SWARM + "']")));

        assertThat(browser.sameDocument()).as("updated in place").isTrue();
        assertThat(text(browser.driver(), "order-used")).isEqualTo(Integer.toString(SWARM));
        assertThat(text(browser.driver(), "order-state")).isEqualTo("open");
        assertThat(chart.findElements(By.tagName("canvas"))).as("uPlot drew the rate chart").isNotEmpty();
        browser.screenshot("order");

        browser.open(alice.resolve("/console/orders"));
        WebElement progress = browser.await(d -> d.findElement(By.cssSelector(
                "tr[data-order='PO-SWARM'] [data-testid=order-progress]")));
        assertThat(progress.getDomAttribute("data-provisioned")).isEqualTo(Integer.toString(SWARM));
        assertThat(progress.getDomAttribute("data-quantity")).isEqualTo(Integer.toString(SWARM));
        browser.screenshot("orders");
    }

    @Test
    void overproductionAttempt_appearsInTheAlertFeed_linkedToItsEventAndAuditEntry() throws Exception {
        server.order("PO-QUOTA", 1, "SN002001..SN002010");
        server.provisioned("SN002001");
        browser.open(alice.resolve("/console/alerts?class=overproduction"));
        browser.markDocument();

        DeviceClient.Reply refused = server.client().attest(server.device().attest(
                server.client().challenge(TestServer.PRODUCT), "SN002002").request());
        assertThat(refused.status()).isEqualTo(409);
        String correlationId = server.client().problem(refused).correlationId();
        WebElement row = browser.await(d -> d.findElements(By.cssSelector(
                "#alert-feed tr[data-alert-class=overproduction]")).stream()
                .filter(r -> r.getDomProperty("textContent").contains(correlationId)).findFirst().orElse(null));

        assertThat(browser.sameDocument()).as("the feed updated in place").isTrue();
        assertThat(row.getDomAttribute("data-outcome")).isEqualTo("quota-exhausted");
        assertThat(row.getText()).contains("PO-QUOTA", "SN002002");
        browser.screenshot("alerts");
        row.findElement(By.cssSelector("a.event-link")).click();
        assertThat(browser.await("event-outcome").getText()).isEqualTo("quota-exhausted");
        assertThat(text(browser.driver(), "event-correlation")).contains(correlationId);
        browser.screenshot("event");
        browser.driver().findElement(By.id("event-audit")).click();
        assertThat(browser.await("entry-kind").getText()).isEqualTo("event");
        browser.screenshot("audit-entry");
    }

    @Test
    void cmOperator_seesItsOwnOrdersOnly_andAnotherCmsOrderByUrlIsNotFound() throws Exception {
        server.order("PO-ACME", 2, "SN003001..SN003010");
        server.imprint().orders().create(new OrderRequest("PO-OTHER", TestServer.PRODUCT, ConsoleServer.OTHER, 2,
                "SN003011..SN003020"));

        browser.open(bob.resolve("/console/orders"));
        List<String> orders = rows("tr[data-testid=order-row]").stream().map(r -> r.getDomAttribute("data-order"))
                .toList();
        assertThat(orders).contains("PO-ACME").doesNotContain("PO-OTHER");
        assertThat(browser.driver().findElement(By.id("operator")).getDomAttribute("data-role")).isEqualTo("cm-operator");
        assertThat(browser.driver().findElements(By.id("nav-audit"))).isEmpty();
        browser.screenshot("orders-cm-operator");

        for (String url : List.of("/console/orders/PO-OTHER", "/console/live/orders/PO-OTHER",
                "/console/orders/PO-OTHER/rates.json")) {
            assertThat(browser.open(bob.resolve(url))).as(url).contains("\"status\":404").contains("not-found")
                    .doesNotContain(ConsoleServer.OTHER);
        }
        assertThat(browser.open(bob.resolve("/console/orders/PO-ACME"))).contains("PO-ACME");
    }

    @Test
    void auditor_hasNoActionButtons_andTheActionUrlsAreRefused() throws Exception {
        server.order("PO-AUDITED", 2, "SN004001..SN004010");
        browser.open(carol.resolve("/console/orders/PO-AUDITED"));
        assertThat(browser.await("order-state").getText()).isEqualTo("open");
        assertThat(browser.driver().findElements(By.cssSelector("[id^='action-']"))).isEmpty();
        browser.screenshot("order-auditor");

        for (String action : List.of("suspend", "resume", "resize")) {
            assertThat(browser.open(carol.resolve("/console/orders/PO-AUDITED/" + action))).as(action)
                    .contains("\"status\":403").contains("forbidden");
        }
        // Even with the auditor's own valid form token (from its "verify now" form), the role decides.
        browser.open(carol.resolve("/console/audit"));
        String csrf = browser.driver().findElement(By.cssSelector("#verify-form input[name=csrf]"))
                .getDomProperty("value");
        assertThat(browser.postForm("/console/orders/PO-AUDITED/suspend", "csrf", csrf)).isEqualTo(403);
        assertThat(server.imprint().orders().get("PO-AUDITED").state()).isEqualTo("open");
        assertThat(AdminActions.of(console.dataDir(), "carol")).anySatisfy(r -> assertThat(r)
                .contains("outcome=forbidden").contains("PO-AUDITED/suspend"));
    }

    @Test
    void oemAdmin_suspendsAnOrder_afterConfirming() throws Exception {
        server.order("PO-HALT", 2, "SN005001..SN005010");
        browser.open(alice.resolve("/console/orders/PO-HALT"));
        browser.await("action-suspend").click();

        assertThat(browser.await("confirm-what").getText()).contains("PO-HALT");
        assertThat(server.imprint().orders().get("PO-HALT").state()).as("asking changes nothing").isEqualTo("open");
        browser.screenshot("confirm-suspend");
        browser.driver().findElement(By.id("confirm")).click();

        assertThat(browser.await("flash").getText()).isEqualTo("Order suspended.");
        assertThat(text(browser.driver(), "order-state")).isEqualTo("suspended");
        assertThat(server.imprint().orders().get("PO-HALT").state()).isEqualTo("suspended");
        assertThat(AdminActions.of(console.dataDir(), "alice")).anySatisfy(r -> assertThat(r)
                .startsWith("orders.suspend ").contains("order=PO-HALT").contains("outcome=ok"));
        browser.screenshot("order-suspended");
    }

    @Test
    void keyboard_reachesAnOrdersActionAndItsConfirmation() throws Exception {
        server.order("PO-KEYS", 2, "SN006001..SN006010");
        browser.open(alice.resolve("/console/orders/PO-KEYS"));
        browser.await("action-suspend");

        List<String> passed = Keyboard.tabTo(browser.driver(), "action-suspend");
        assertThat(passed).as("the navigation comes first").contains("nav-orders", "nav-alerts", "nav-audit");
        Keyboard.enter(browser.driver());
        assertThat(browser.await("confirm-what").getText()).contains("PO-KEYS");
        Keyboard.tabTo(browser.driver(), "cancel");
        Keyboard.enter(browser.driver());

        assertThat(browser.await("action-suspend").isDisplayed()).isTrue();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/orders/PO-KEYS");
        assertThat(server.imprint().orders().get("PO-KEYS").state()).isEqualTo("open");
    }

    @Test
    void unitAuditAndOfflinePages_showTheirRecords_andAReprovisioningIsAuthorized() throws Exception {
        server.order("PO-PAGES", 3, "SN007001..SN007010");
        String chip = server.provisioned("SN007001").chipIdHex();
        assertThat(server.client().attest(server.device().attest(server.client().challenge(TestServer.PRODUCT),
                "SN007001").request()).status()).as("a clone attempt").isEqualTo(409);

        browser.open(alice.resolve("/console/units?q=SN007001"));
        assertThat(rows("tr[data-testid=unit-row]"))
                .extracting(r -> r.getDomAttribute("data-chip")).contains(chip);
        browser.screenshot("units");
        browser.open(alice.resolve("/console/units/" + chip));
        assertThat(text(browser.driver(), "unit-serial")).isEqualTo("SN007001");
        assertThat(browser.driver().findElements(By.cssSelector("#unit-history tr[data-outcome]"))).isNotEmpty();
        browser.screenshot("unit");
        browser.driver().findElement(By.id("action-reprovision")).click();
        browser.await("reason").sendKeys("RMA-77 board swap");
        browser.screenshot("confirm-reprovision");
        browser.driver().findElement(By.id("confirm")).click();
        assertThat(browser.await("flash").getText()).startsWith("Re-provisioning authorized");
        assertThat(text(browser.driver(), "unit-reprovisions")).contains("alice", "RMA-77 board swap", "not yet");
        assertThat(AdminActions.of(console.dataDir(), "alice")).anySatisfy(r -> assertThat(r)
                .startsWith("units.authorize-reprovision ").contains("outcome=ok"));

        browser.open(alice.resolve("/console/alerts?class=clone"));
        assertThat(rows("#clone-groups tr[data-testid=clone-group]"))
                .extracting(r -> r.getDomAttribute("data-serial")).contains("SN007001");
        browser.screenshot("alerts-clone");

        browser.open(alice.resolve("/console/audit"));
        browser.await("verify-now").click();
        assertThat(browser.await("verify-result").getDomAttribute("data-outcome")).isEqualTo("ok");
        browser.screenshot("audit");

        browser.open(alice.resolve("/console/offline"));
        assertThat(browser.await("main").getText()).contains("bundle");
        browser.screenshot("offline");
    }

    /** {@code count} devices provisioning {@code SN00<first>...} at once, over TLS, each with its receipt. */
    private static void swarm(int first, int count) throws Exception {
        ExecutorService stations = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> units = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String serial = String.format("SN%06d", first + i);
                units.add(stations.submit(() -> server.provisioned(serial)));
            }
            for (Future<?> unit : units) {
                unit.get();
            }
        } finally {
            stations.shutdownNow();
        }
    }

    /** The elements matching {@code css}, once there is at least one. */
    private static List<WebElement> rows(String css) {
        return browser.await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found;
        });
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static URI listen() {
        AdminListener listener = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0));
        listeners.add(listener);
        return URI.create("https://127.0.0.1:" + listener.port());
    }
}
