package io.imprint.server.store;

import java.sql.SQLException;
import java.util.Set;

/** The database engines Imprint runs on, chosen by JDBC URL. */
public enum Vendor {
    SQLITE, POSTGRESQL;

    /** SQLite primary result codes of a passing condition: BUSY, LOCKED, IOERR, FULL. */
    private static final Set<Integer> SQLITE_TRANSIENT = Set.of(5, 6, 10, 13);
    /** PostgreSQL SQLStates of a passing condition besides class 08 (connection) and 53 (resources). */
    private static final Set<String> PG_TRANSIENT = Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02",
            "57P03", "58030");
    /** PostgreSQL SQLStates of a session the server ended (besides class 08). */
    private static final Set<String> PG_TERMINATED = Set.of("57P01", "57P02", "57P03");

    /** The vendor of a JDBC URL; anything else is refused. */
    public static Vendor of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (jdbc:sqlite: or jdbc:postgresql: expected)");
    }

    /** True when {@code e} (or a cause) reports a violated unique or primary-key constraint. */
    public boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                if (this == POSTGRESQL && "23505".equals(s.getSQLState())) {
                    return true;
                }
                // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555), or their message.
                if (this == SQLITE && (s.getErrorCode() == 2067 || s.getErrorCode() == 1555
                        || String.valueOf(s.getMessage()).contains("UNIQUE constraint failed"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when {@code e} (or a cause) reports a condition that passes: a lock or busy timeout, a lost
     * connection, a database shutting down, out of disk or connections. Such a failure is answered
     * 503 (retry later), never 500.
     */
    public boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = String.valueOf(s.getSQLState());
                if (this == POSTGRESQL && (state.startsWith("08") || state.startsWith("53")
                        || PG_TRANSIENT.contains(state))) {
                    return true;
                }
                if (this == SQLITE && SQLITE_TRANSIENT.contains(s.getErrorCode() & 0xFF)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when the connection itself failed (PostgreSQL: SQLState class 08, or the server terminated
     * the session): an uncommitted transaction on it was rolled back by the server. Never for SQLite,
     * which has no connection to lose.
     */
    public boolean isConnectionLost(SQLException e) {
        for (Throwable t = e; t != null && this == POSTGRESQL; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = String.valueOf(s.getSQLState());
                if (state.startsWith("08") || PG_TERMINATED.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }
}
