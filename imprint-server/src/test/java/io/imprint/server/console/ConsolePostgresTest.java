package io.imprint.server.console;

import static io.imprint.server.console.ConsolePagesTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.server.orders.OrderRequest;
import io.imprint.server.testing.ConsoleClient;
import io.imprint.server.testing.ConsoleServer;
import io.imprint.server.testing.TestDatabases;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's queries on PostgreSQL ({@code IMPRINT_TEST_PG_URL}, skipped when unset): every page, the live fragments, the chart data and the CM filter. */
class ConsolePostgresTest {
    @TempDir Path dir;

    @Test
    void everyPage_onPostgres_withProgressRefusalsAndCmFilter() throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.PG_ENV + " not set");
        try (ConsoleServer console = ConsoleServer.postgres(dir.resolve("data"))) {
            TestServer server = console.server();
            server.order("PO-PG", 1, "SN000001..SN000009");
            server.imprint().orders().create(new OrderRequest("PO-PG-OTHER", TestServer.PRODUCT, ConsoleServer.OTHER,
                    1, "SN000100..SN000101"));
            String chip = server.provisioned("SN000001").chipIdHex();
            assertThat(server.client().attest(server.device().attest(server.client().challenge(TestServer.PRODUCT),
                    "SN000002").request()).status()).isEqualTo(409);
            ConsoleClient alice = console.alice();
            ConsoleClient bob = console.bob();
            assertThat(ok(alice, "/console/live/orders")).contains("data-provisioned=\"1\"", "data-refused=\"1\"",
                    "PO-PG-OTHER");
            assertThat(ok(bob, "/console/orders")).contains("PO-PG").doesNotContain("PO-PG-OTHER");
            assertThat(ok(alice, "/console/orders/PO-PG/rates.json")).matches(".*\"refused\":\\[[0-9,]*1\\].*");
            assertThat(ok(bob, "/console/rates.json")).matches(".*\"provisioned\":\\[[0-9,]*1\\].*");
            assertThat(ok(alice, "/console/rates.json")).matches(".*\"refused\":\\[[0-9,]*1\\].*");
            assertThat(ok(bob, "/console/live/alerts?class=overproduction")).contains("quota-exhausted");
            assertThat(ok(console.dave(), "/console/live/alerts")).doesNotContain("quota-exhausted");
            assertThat(ok(alice, "/console/live/clones")).contains("No clone suspects.");
            assertThat(ok(bob, "/console/units?q=SN000001")).contains(chip);
            assertThat(ok(bob, "/console/units/" + chip)).contains("data-outcome=\"provisioned\"");
            assertThat(ok(alice, "/console/offline")).contains("No bundles.");
            assertThat(ok(alice, "/console/audit")).contains("id=\"audit-seq\"");
            String event = ok(alice, "/console/live/alerts").replaceAll("(?s).*data-event=\"([0-9a-f-]{36})\".*", "$1");
            assertThat(alice.get("/console/events/" + event + "/audit").statusCode()).isEqualTo(303);
        }
    }
}
