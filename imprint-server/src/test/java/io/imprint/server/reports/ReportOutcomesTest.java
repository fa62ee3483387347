package io.imprint.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.events.Attempt;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only problem codes are refusals; administrative events are not production at all. */
class ReportOutcomesTest {
    @Test
    void report_adminEventsAndReprovisioning_notCountedAsRefusals(@TempDir Path dir) {
        try (Imprint imprint = Imprint.openOrCreate(ServerConfig.defaults(dir))) {
            for (String outcome : new String[] {"order-opened", "order-suspended", "policy-changed",
                    "reprovision-authorized", "reprovisioned", "issued", "serial-in-use"}) {
                imprint.events().record(outcome, new Attempt().product("gateway-x").serial("SN000001"), null);
            }
            Report r = imprint.reports().report(ReportQuery.ALL);
            assertThat(r.totals()).containsEntry("refused", new Report.Counts(1, 0))
                    .containsEntry("issued", new Report.Counts(1, 0)).containsEntry("reprovisioned", new Report.Counts(1, 0));
            assertThat(r.refusals()).containsOnlyKeys("serial-in-use");
            assertThat(r.hours()).singleElement().satisfies(h -> assertThat(h.refused().total()).isEqualTo(1));
        }
    }
}
