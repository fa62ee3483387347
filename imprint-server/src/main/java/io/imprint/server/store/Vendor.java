package io.imprint.server.store;

import java.sql.SQLException;

/** The database engines Imprint runs on, chosen by JDBC URL. */
public enum Vendor {
    SQLITE, POSTGRESQL;

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
}
