package io.imprint.server.console;

import static io.imprint.server.console.ConsolePagesTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.testing.ConsoleClient;
import io.imprint.server.testing.ConsoleServer;
import io.imprint.server.testing.DeviceClient;
import io.imprint.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live endpoints the console's script polls: they show a provisioning and a refusal without a reload. */
class ConsoleLiveTest {
    private static final Pattern EVENT = Pattern.compile("data-event=\"([0-9a-f-]{36})\"");
    @TempDir static Path dir;
    static ConsoleServer console;
    static ConsoleClient alice;

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleServer.sqlite(dir.resolve("data"));
        alice = console.alice();
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
    }

    @Test
    void liveOrders_afterProvisioning_showsTheNewUnit() throws Exception {
        TestServer server = console.server();
        server.order("PO-LIVE", 5, "SN000001..SN000005");
        assertThat(ok(alice, "/console/live/orders")).contains("data-order=\"PO-LIVE\"", "data-used=\"0\"",
                "data-provisioned=\"0\"");
        String before = ok(alice, "/console/live/orders/PO-LIVE");
        server.provisioned("SN000001");
        String after = ok(alice, "/console/live/orders/PO-LIVE");
        assertThat(before).contains("id=\"order-provisioned\">0<");
        assertThat(after).contains("id=\"order-provisioned\">1<", "id=\"order-used\">1<")
                .doesNotContain("<html");
        assertThat(ok(alice, "/console/live/orders")).contains("data-used=\"1\"", "data-provisioned=\"1\"");
        assertThat(ok(alice, "/console/orders/PO-LIVE/rates.json")).matches(".*\"provisioned\":\\[[0-9,]*1\\].*");
    }

    @Test
    void overproductionAndClone_appearInTheLiveFeed_linkedToEventAndAuditEntry() throws Exception {
        TestServer server = console.server();
        server.order("PO-Q", 1, "SN000100..SN000109");
        server.provisioned("SN000100");
        assertThat(ok(alice, "/console/live/alerts?class=overproduction")).doesNotContain("data-event=");
        DeviceClient.Reply refused = server.client().attest(server.device().attest(
                server.client().challenge(TestServer.PRODUCT), "SN000101").request());
        assertThat(refused.status()).isEqualTo(409);
        String correlationId = server.client().problem(refused).correlationId();

        String feed = ok(alice, "/console/live/alerts?class=overproduction");
        assertThat(feed).contains("data-alert-class=\"overproduction\"", "data-outcome=\"quota-exhausted\"",
                correlationId, "href=\"/console/orders/PO-Q\"");
        Matcher m = EVENT.matcher(feed);
        assertThat(m.find()).isTrue();
        String event = m.group(1);
        assertThat(ok(alice, "/console/events/" + event)).contains("id=\"event-outcome\">quota-exhausted<",
                correlationId);
        assertThat(ok(alice, "/console/events?correlation=" + correlationId)).contains("data-event=\"" + event + "\"");
        HttpResponse<String> audit = alice.get("/console/events/" + event + "/audit");
        assertThat(audit.statusCode()).isEqualTo(303);
        String entry = ok(alice, audit.headers().firstValue("Location").orElseThrow());
        assertThat(entry).contains("id=\"entry-kind\">event<", event);

        server.order("PO-C", 2, "SN000200..SN000209");
        server.provisioned("SN000200");
        DeviceClient.Reply clone = server.client().attest(server.device().attest(
                server.client().challenge(TestServer.PRODUCT), "SN000200").request());
        assertThat(clone.status()).isEqualTo(409);
        assertThat(ok(alice, "/console/live/clones")).contains("data-serial=\"SN000200\"");
        assertThat(ok(alice, "/console/live/alerts?class=clone")).contains("data-alert-class=\"clone\"")
                .doesNotContain("quota-exhausted");
    }
}
