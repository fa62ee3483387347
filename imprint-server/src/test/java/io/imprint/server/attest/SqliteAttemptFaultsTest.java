package io.imprint.server.attest;

import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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
}
