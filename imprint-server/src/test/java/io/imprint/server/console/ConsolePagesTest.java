package io.imprint.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.bundle.ImportProgress;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.testing.ConsoleClient;
import io.imprint.server.testing.ConsoleServer;
import io.imprint.server.testing.OfflineLot;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every console page for every role, over the real mTLS admin listener with real operator certificates. */
class ConsolePagesTest {
    @TempDir static Path dir;
    static ConsoleServer console;
    static ConsoleClient alice;
    static ConsoleClient carol;
    static ConsoleClient bob;
    static ConsoleClient dave;
    static String chip;

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleServer.sqlite(dir.resolve("data"));
        TestServer server = console.server();
        server.order("PO-ACME", 3, "SN000001..SN000010");
        server.imprint().orders().create(new OrderRequest("PO-OTHER", TestServer.PRODUCT, ConsoleServer.OTHER, 5,
                "SN000100..SN000104"));
        TestDevice device = server.provisioned("SN000001");
        chip = device.chipIdHex();
        server.issued("SN000002");
        server.provisioned("SN000100");
        server.order("PO-OFF", 5, "SN000201..SN000205");
        OfflineLot lot = OfflineLot.build(server, dir.resolve("lot"), "PO-OFF");
        server.imprint().receiptImport().importLines(List.of(lot.line("0A0B0C01", "SN000201"),
                lot.line("0A0B0C02", "SN000001")), null, lot.receiptKey(), ImportProgress.NONE);
        alice = console.alice();
        carol = console.carol();
        bob = console.bob();
        dave = console.dave();
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
    }

    @Test
    void ordersPage_everyRole_cmOperatorSeesOwnOrdersOnly() throws Exception {
        for (ConsoleClient c : List.of(alice, carol)) {
            String page = ok(c, "/console/orders");
            assertThat(page).contains("data-order=\"PO-ACME\"", "data-order=\"PO-OTHER\"");
        }
        String acme = ok(bob, "/console/orders");
        assertThat(acme).contains("data-order=\"PO-ACME\"").doesNotContain("PO-OTHER");
        assertThat(acme).contains("data-used=\"2\"", "data-provisioned=\"1\"", "data-issued=\"1\"");
        assertThat(ok(dave, "/console/orders")).contains("data-order=\"PO-OTHER\"").doesNotContain("PO-ACME");
    }

    @Test
    void orderPage_progressAndChart_otherCmIsNotFound() throws Exception {
        String page = ok(bob, "/console/orders/PO-ACME");
        assertThat(page).contains("id=\"order-provisioned\">1<", "id=\"order-issued\">1<", "id=\"rate-chart\"")
                .doesNotContain("action-suspend");
        HttpResponse<String> other = bob.get("/console/orders/PO-OTHER");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(other.body()).contains("not-found").doesNotContain(ConsoleServer.OTHER);
        assertThat(bob.get("/console/live/orders/PO-OTHER").statusCode()).isEqualTo(404);
        assertThat(bob.get("/console/orders/PO-OTHER/rates.json").statusCode()).isEqualTo(404);
        String rates = ok(alice, "/console/orders/PO-ACME/rates.json");
        assertThat(rates).startsWith("{\"t\":[").contains("\"provisioned\":[").contains("1");
        assertThat(ok(alice, "/console/orders/PO-ACME")).contains("id=\"action-suspend\"", "id=\"action-resize\"");
    }

    @Test
    void allOrdersChart_countsTheOrdersTheOperatorMaySee() throws Exception {
        assertThat(ok(alice, "/console/orders")).contains("data-chart=\"/console/rates.json\"");
        long all = provisioned(ok(alice, "/console/rates.json"));
        assertThat(provisioned(ok(dave, "/console/rates.json"))).isEqualTo(1);
        assertThat(provisioned(ok(bob, "/console/rates.json"))).isEqualTo(all - 1).isPositive();
    }

    private static long provisioned(String ratesJson) {
        String list = ratesJson.replaceAll("(?s).*\"provisioned\":\\[([0-9,]*)\\].*", "$1");
        return java.util.Arrays.stream(list.split(",")).mapToLong(Long::parseLong).sum();
    }

    @Test
    void unitsPage_searchBySerialAndChip_history() throws Exception {
        assertThat(ok(alice, "/console/units?q=SN000001")).contains("data-chip=\"" + chip + "\"");
        assertThat(ok(carol, "/console/units?q=" + chip.toLowerCase())).contains("data-chip=\"" + chip + "\"");
        String unit = ok(bob, "/console/units/" + chip);
        assertThat(unit).contains("id=\"unit-serial\">SN000001<", "data-outcome=\"issued\"",
                "data-outcome=\"provisioned\"").doesNotContain("action-reprovision");
        assertThat(ok(alice, "/console/units/" + chip)).contains("id=\"action-reprovision\"");
        assertThat(dave.get("/console/units/" + chip).statusCode()).isEqualTo(404);
        assertThat(ok(dave, "/console/units?q=SN000001")).contains("id=\"unit-none\"");
    }

    @Test
    void auditPage_readersOnly_verifyNowRunsTheStoreVerification() throws Exception {
        String page = ok(carol, "/console/audit");
        assertThat(page).contains("id=\"audit-seq\"", "id=\"verify-now\"");
        HttpResponse<String> verified = carol.post("/console/audit/verify",
                ConsoleClient.form(carol.csrf("/console/audit")));
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("data-outcome=\"ok\"", "OK: ");
        assertThat(bob.get("/console/audit").statusCode()).isEqualTo(403);
        assertThat(ok(bob, "/console/orders")).doesNotContain("nav-audit");
    }

    @Test
    void offlinePage_bundlesAndReceiptVerdicts_cmOperatorSeesOwnOnly() throws Exception {
        for (ConsoleClient c : List.of(alice, carol, bob)) {
            String page = ok(c, "/console/offline");
            assertThat(page).contains("data-testid=\"bundle-row\"", "href=\"/console/orders/PO-OFF\"",
                    "data-outcome=\"provisioned\"");
            assertThat(page.split("data-testid=\"verdict-row\"")).hasSizeGreaterThanOrEqualTo(3);
            String thisYear = java.time.Instant.now().toString().substring(0, 5);
            assertThat(page.split("data-testid=\"bundle-row\"")[1].split("</tr>")[0]).contains(thisYear)
                    .doesNotContain("1970-");
        }
        assertThat(ok(dave, "/console/offline")).contains("id=\"bundles-empty\"", "id=\"verdicts-empty\"");
        assertThat(ok(alice, "/console/units/0A0B0C01")).contains("offline (bundle)", "id=\"unit-serial\">SN000201<");
    }

    /** Every page for every role: 200, or the refusal the role model gives (403 forbidden, 404 another CM's). */
    @Test
    void everyPage_perRole_allowedOrRefused() throws Exception {
        Map<String, List<Integer>> expected = new LinkedHashMap<>(); // alice, carol, bob, dave
        expected.put("/console/orders", List.of(200, 200, 200, 200));
        expected.put("/console/orders/PO-ACME", List.of(200, 200, 200, 404));
        expected.put("/console/orders/PO-OTHER", List.of(200, 200, 404, 200));
        expected.put("/console/orders/PO-ACME/rates.json", List.of(200, 200, 200, 404));
        expected.put("/console/rates.json", List.of(200, 200, 200, 200));
        expected.put("/console/alerts", List.of(200, 200, 200, 200));
        expected.put("/console/alerts?class=clone", List.of(200, 200, 200, 200));
        expected.put("/console/units", List.of(200, 200, 200, 200));
        expected.put("/console/units?q=SN000001", List.of(200, 200, 200, 200));
        expected.put("/console/units/" + chip, List.of(200, 200, 200, 404));
        expected.put("/console/audit", List.of(200, 200, 403, 403));
        expected.put("/console/audit/entries/1", List.of(200, 200, 403, 403));
        expected.put("/console/offline", List.of(200, 200, 200, 200));
        expected.put("/console/live/orders", List.of(200, 200, 200, 200));
        expected.put("/console/live/alerts", List.of(200, 200, 200, 200));
        expected.put("/console/live/clones", List.of(200, 200, 200, 200));
        expected.put("/console/orders/PO-ACME/suspend", List.of(200, 403, 403, 403));
        expected.put("/console/units/" + chip + "/reprovision", List.of(200, 403, 403, 403));
        List<ConsoleClient> roles = List.of(alice, carol, bob, dave);
        for (Map.Entry<String, List<Integer>> e : expected.entrySet()) {
            for (int i = 0; i < roles.size(); i++) {
                HttpResponse<String> r = roles.get(i).get(e.getKey());
                assertThat(r.statusCode()).as(e.getKey() + " as " + List.of("alice", "carol", "bob", "dave").get(i))
                        .isEqualTo(e.getValue().get(i));
                if (r.statusCode() != 200) {
                    assertThat(r.body()).contains(r.statusCode() == 403 ? "\"forbidden\"" : "\"not-found\"");
                }
            }
        }
        assertThat(ok(carol, "/console/alerts")).contains("id=\"alert-feed\"", "id=\"clone-groups\"");
    }

    /** Landmarks, language, one h1, and a label for every visible input, on every page with a form or not. */
    @Test
    void everyPage_landmarksHeadingAndLabelledInputs() throws Exception {
        for (String path : List.of("/console/orders", "/console/orders/PO-ACME", "/console/alerts", "/console/units",
                "/console/units?q=SN000001", "/console/units/" + chip, "/console/audit", "/console/audit/entries/1",
                "/console/offline", "/console/orders/PO-ACME/resize", "/console/units/" + chip + "/reprovision")) {
            String page = ok(alice, path);
            assertThat(page).as(path).startsWith("<!doctype html><html lang=\"en\">")
                    .contains("<header", "<nav aria-label=", "<main id=\"main\"", "<footer", "href=\"#main\"",
                            "name=\"viewport\"");
            assertThat(page.split("<h1>")).as(path).hasSize(2);
            java.util.regex.Matcher inputs = java.util.regex.Pattern.compile("<input id=\"([a-z-]+)\"").matcher(page);
            while (inputs.find()) {
                assertThat(page).as(path + " input " + inputs.group(1)).contains("<label for=\"" + inputs.group(1) + "\">");
            }
            assertThat(page).as(path).doesNotContainPattern("<input (?![^>]*(id=|type=\"hidden\"))");
        }
    }

    static String ok(ConsoleClient c, String path) throws Exception {
        HttpResponse<String> r = c.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
