package io.imprint.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.protocol.crypto.Providers;
import io.imprint.server.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * {@link TransactionContract} on PostgreSQL, and connections the server dropped (an outage, a
 * restart): only this test's own backends are terminated, found by their application name.
 */
class PostgresTransactionTest extends TransactionContract {
    private final String application = "imprint-test-" + HexFormat.of().formatHex(Providers.randomBytes(6));
    private TestDatabases.PostgresSchema schema;

    @Override
    Database open() throws Exception {
        return open(Duration.ofHours(1));
    }

    private Database open(Duration validateAfter) throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.PG_ENV + " not set");
        schema = TestDatabases.freshSchema();
        return Database.open(url(), 1, Duration.ofSeconds(5), validateAfter);
    }

    @Override
    void loseTransaction(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pg_backend_pid())");
        } catch (SQLException expected) {
            // The server ended this session (57P01): the transaction is gone with it.
        }
    }

    @Override
    void dispose() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void transaction_backendTerminatedWhileIdle_runsOnceMoreOnFreshConnection() throws Exception {
        db.transaction(c -> {
            challenges.insert(c, challenge("aa"));
            return null;
        });
        assertThat(terminateOwnBackends()).isEqualTo(1);

        db.transaction(c -> {
            challenges.insert(c, challenge("bb"));
            return null;
        });

        assertThat(find("bb")).isPresent();
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void autoCommit_backendTerminatedAndConnectionIdle_validatedAndReplaced() throws Exception {
        db.close();
        schema.close();
        db = open(Duration.ZERO);
        db.autoCommit(c -> {
            challenges.insert(c, challenge("aa"));
            return null;
        });
        assertThat(terminateOwnBackends()).isEqualTo(1);

        assertThat(find("aa")).isPresent();
    }

    private int terminateOwnBackends() throws SQLException {
        return TestDatabases.terminateBackends(application);
    }

    private long count() {
        return db.autoCommit(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM challenges")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private String url() {
        return schema.url() + "&ApplicationName=" + application;
    }
}
