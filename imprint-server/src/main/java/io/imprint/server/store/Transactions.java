package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Begins, commits and rolls back one transaction on one connection so that the connection ends in a
 * known state: no transaction open and auto-commit on, or marked doubtful (the pool then closes it).
 *
 * <p>On SQLite the transaction is opened with an explicit {@code BEGIN IMMEDIATE} and the driver's
 * auto-commit flag is never touched: the driver's own transaction handling sets its flag before its
 * {@code BEGIN} runs, so a {@code BEGIN} that timed out on the write lock would leave a connection that
 * believes it is in a transaction and then commits statement by statement. A {@code BEGIN} that fails
 * here opens nothing. A failed rollback never replaces the original error: it is attached as suppressed.
 */
final class Transactions {
    /** Whether the connection may go back to the pool. */
    static final class Outcome {
        boolean doubtful;
    }

    /** The connection was lost before the commit was sent: the server rolled the transaction back. */
    static final class LostBeforeCommit extends StoreUnavailable {
        private static final long serialVersionUID = 1L;

        LostBeforeCommit(SQLException cause) {
            super("database connection lost before commit: " + cause.getMessage(), cause);
        }
    }

    private final Vendor vendor;

    Transactions(Vendor vendor) {
        this.vendor = vendor;
    }

    <T> T run(Connection c, SqlWork<T> work, Outcome outcome) throws SQLException {
        boolean begun = false;
        T result;
        try {
            begin(c);
            begun = true;
            result = work.run(c);
        } catch (SQLException e) {
            end(c, begun, e, outcome);
            if (vendor.isConnectionLost(e)) {
                throw new LostBeforeCommit(e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            end(c, begun, e, outcome);
            throw e;
        }
        try {
            commit(c);
        } catch (SQLException e) {
            // A connection lost during the commit leaves its outcome unknown: not run again.
            end(c, true, e, outcome);
            throw e;
        }
        restore(c, outcome);
        return result;
    }

    private void begin(Connection c) throws SQLException {
        if (vendor == Vendor.SQLITE) {
            execute(c, "BEGIN IMMEDIATE");
        } else {
            c.setAutoCommit(false);
        }
    }

    private void commit(Connection c) throws SQLException {
        if (vendor == Vendor.SQLITE) {
            execute(c, "COMMIT");
        } else {
            c.commit();
        }
    }

    /**
     * Rolls back after {@code failure} and restores auto-commit; a failed rollback is suppressed into
     * {@code failure} and leaves the connection doubtful (never switched to auto-commit, which would
     * commit what is left).
     */
    private void end(Connection c, boolean begun, Throwable failure, Outcome outcome) {
        if (begun) {
            try {
                if (vendor == Vendor.SQLITE) {
                    execute(c, "ROLLBACK");
                } else {
                    c.rollback();
                }
            } catch (SQLException | RuntimeException rollbackFailure) {
                // Keep the original error; the connection is closed, which ends whatever is left open.
                failure.addSuppressed(rollbackFailure);
                outcome.doubtful = true;
                return;
            }
        }
        restore(c, outcome);
    }

    private static void restore(Connection c, Outcome outcome) {
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            outcome.doubtful = true;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
