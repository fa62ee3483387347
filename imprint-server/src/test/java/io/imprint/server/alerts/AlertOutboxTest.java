package io.imprint.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox hands each due alert to exactly one sender, even with several nodes on one database. */
class AlertOutboxTest {
    @TempDir Path dir;

    @Test
    void claim_twoSenders_onlyOneWinsUntilTheLeaseEnds() {
        Imprint.openOrCreate(ServerConfig.defaults(dir)).close(); // migrate
        try (Database db = Database.sqlite(dir)) {
            AlertOutbox outbox = new AlertOutbox();
            Alert alert = new Alert("clone", "serial-in-use", "gateway-x", "o1", "0102030405060708", "SN000001",
                    "2026-11-25T10:00:00Z", "c1", "0a1b2c3d4e5f6789");
            db.autoCommit(c -> {
                outbox.enqueue(c, alert, 1_000);
                return null;
            });
            AlertOutbox.Pending queued = db.autoCommit(c -> outbox.due(c, 1_000, 10)).get(0);
            assertThat(queued.alert()).isEqualTo(alert);
            String id = queued.id();

            boolean first = db.autoCommit(c -> outbox.claim(c, id, 1_000, 61_000));
            boolean second = db.autoCommit(c -> outbox.claim(c, id, 1_000, 61_000));
            assertThat(first).isTrue();
            assertThat(second).as("second node").isFalse();
            java.util.List<AlertOutbox.Pending> leased = db.autoCommit(c -> outbox.due(c, 60_000, 10));
            java.util.List<AlertOutbox.Pending> afterLease = db.autoCommit(c -> outbox.due(c, 61_000, 10));
            assertThat(leased).as("leased").isEmpty();
            assertThat(afterLease).as("lease over: due again").hasSize(1);
        }
    }
}
