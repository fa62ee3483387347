package io.imprint.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a transaction guarantees when the database fails under it, run against each database: the
 * original error survives a failed rollback, and the connection never carries a broken state into
 * the next transaction.
 */
abstract class TransactionContract {
    static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);
    final JdbcChallengeRepository challenges = new JdbcChallengeRepository();
    Database db;

    /** A database with a pool of one connection, so consecutive transactions share it. */
    abstract Database open() throws Exception;

    /** Ends the transaction open on {@code c} behind the code's back, as a full disk or a dying server does. */
    abstract void loseTransaction(Connection c) throws SQLException;

    void dispose() throws Exception {
    }

    @BeforeEach
    void setUp() throws Exception {
        db = open();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        dispose();
    }

    @Test
    void transaction_rollbackFails_originalErrorKeptWithRollbackFailureSuppressed() {
        IllegalStateException original = new IllegalStateException("the original failure");

        assertThatThrownBy(() -> db.transaction(c -> {
            challenges.insert(c, challenge("aa"));
            loseTransaction(c);
            throw original;
        })).isSameAs(original).satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                .isInstanceOf(SQLException.class));

        assertThat(find("aa")).isEmpty();
        assertNextTransactionAtomic();
    }

    /** A transaction that fails after a write leaves nothing behind; then one that succeeds commits. */
    void assertNextTransactionAtomic() {
        assertThatThrownBy(() -> db.transaction(c -> {
            challenges.insert(c, challenge("bb"));
            throw new IllegalStateException("fails after its first write");
        })).hasMessage("fails after its first write");
        assertThat(find("bb")).isEmpty();
        db.transaction(c -> {
            challenges.insert(c, challenge("cc"));
            return null;
        });
        assertThat(find("cc")).isPresent();
    }

    Optional<ChallengeRow> find(String id) {
        return db.autoCommit(c -> challenges.find(c, id.repeat(16)));
    }

    static ChallengeRow challenge(String id) {
        return new ChallengeRow(id.repeat(16), "p1", "00".repeat(32), T0, false);
    }
}
