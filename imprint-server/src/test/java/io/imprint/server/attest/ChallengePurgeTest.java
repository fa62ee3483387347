package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.store.ChallengeRow;
import io.imprint.server.store.Database;
import io.imprint.server.store.JdbcChallengeRepository;
import io.imprint.server.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChallengePurgeTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final JdbcChallengeRepository repository = new JdbcChallengeRepository();

    /** The store without a device listener, so no scheduled purge runs beside the test's. */
    Imprint open(Path dir) {
        return Imprint.openOrCreate(ServerConfig.defaults(dir).withPort(0).withClock(clock));
    }

    @Test
    void runOnce_expiredChallenges_deletedInBatchesLiveAndRecentlyExpiredKept(@TempDir Path dir) {
        try (Imprint imprint = open(dir)) {
            Database db = imprint.database();
            insert(db, 2_500, T0.minus(Duration.ofMinutes(30)));   // a flood long expired
            insert(db, 7, T0.minusSeconds(30));                    // expired 30 s ago: still answers nonce-expired
            insert(db, 3, T0.plusSeconds(60));                     // live

            long deleted = imprint.challengePurge().runOnce();

            assertThat(deleted).isEqualTo(2_500);
            assertThat(count(db)).isEqualTo(10);
            clock.advance(ChallengePurge.KEEP_EXPIRED.plusMinutes(2));
            assertThat(imprint.challengePurge().runOnce()).isEqualTo(10);
            assertThat(count(db)).isZero();
        }
    }

    @Test
    void runOnce_afterAFloodOnSqlite_walTruncatedToZero(@TempDir Path dir) throws Exception {
        try (Imprint imprint = open(dir)) {
            Database db = imprint.database();
            insert(db, 20_000, T0.minus(Duration.ofHours(1)));
            Path wal = dir.resolve("imprint.db-wal");
            assertThat(Files.size(wal)).isGreaterThan(1_000_000);

            imprint.challengePurge().runOnce();

            assertThat(Files.size(wal)).isZero();
            assertThat(count(db)).isZero();
        }
    }

    private void insert(Database db, int n, Instant expires) {
        db.transaction(c -> {
            for (int i = 0; i < n; i++) {
                String session = HexFormat.of().formatHex(io.imprint.protocol.crypto.Providers.randomBytes(16));
                repository.insert(c, new ChallengeRow(session, "gateway-x", "00".repeat(32), expires, false));
            }
            return null;
        });
    }

    private static long count(Database db) {
        return db.autoCommit(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM challenges")) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}
