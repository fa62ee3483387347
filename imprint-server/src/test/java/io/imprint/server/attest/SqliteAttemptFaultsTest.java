package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** {@link AttemptFaultsContract} on SQLite; the foreign lock is another connection's write lock. */
class SqliteAttemptFaultsTest extends AttemptFaultsContract {
    @Override
    protected TestServer start(Path dataDir) throws Exception {
        return TestServer.start(config(dataDir), null);
    }

    @Override
    Connection foreignConnection() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve("imprint.db").toAbsolutePath());
        c.setAutoCommit(false);
        return c;
    }

    @Override
    void lockUnits(Connection foreign) throws SQLException {
        try (Statement s = foreign.createStatement()) {
            s.executeUpdate("UPDATE units SET state = state");
        }
    }

    @Override
    boolean eventsWritableWhileUnitsLocked() {
        return false;
    }

    @Test
    void challenge_writeLockHeldPastTimeout_unavailableWithRetryAfterThenIssued() throws Exception {
        ChallengeRequest request = new ChallengeRequest(TestServer.PRODUCT);
        Reply refused;
        String retryAfter;
        try (Connection foreign = foreignConnection()) {
            lockUnits(foreign);
            refused = server.client().postJson(DeviceApi.CHALLENGES, request);
            retryAfter = server.client().retryAfter(DeviceApi.CHALLENGES, request);
            foreign.rollback();
        }

        assertThat(refused.status()).isEqualTo(503);
        assertThat(server.client().problem(refused).code()).isEqualTo("unavailable");
        assertThat(retryAfter).matches("[1-9][0-9]*");
        assertThat(server.client().postJson(DeviceApi.CHALLENGES, request).status()).isEqualTo(200);
    }
}
