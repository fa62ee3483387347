package io.imprint.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TransactionContract} on SQLite, and a write lock another connection holds past the lock timeout. */
class SqliteTransactionTest extends TransactionContract {
    @TempDir
    Path dir;

    @Override
    Database open() {
        return Database.open(url(), 1, Duration.ofMillis(300));
    }

    @Override
    void loseTransaction(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK"); // what SQLite does by itself on SQLITE_FULL
        }
    }

    @Test
    void transaction_writeLockHeldPastTimeout_unavailableNothingCommittedNextTransactionAtomic() throws Exception {
        assertThat(find("aa")).isEmpty(); // the pool's one connection is open before the lock is taken
        try (Connection foreign = DriverManager.getConnection(url()); Statement s = foreign.createStatement()) {
            s.execute("BEGIN IMMEDIATE");

            assertThatThrownBy(() -> db.transaction(c -> {
                challenges.insert(c, challenge("aa"));
                return null;
            })).isInstanceOf(StoreUnavailable.class).hasMessageContaining("SQLITE_BUSY");

            s.execute("ROLLBACK");
        }
        assertThat(find("aa")).isEmpty();
        assertNextTransactionAtomic();
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("imprint.db").toAbsolutePath();
    }
}
