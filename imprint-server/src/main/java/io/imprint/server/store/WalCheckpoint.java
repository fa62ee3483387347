package io.imprint.server.store;

import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Shrinks the SQLite write-ahead log: {@code PRAGMA wal_checkpoint(TRUNCATE)} copies every frame into
 * the database and truncates {@code imprint.db-wal} to zero bytes. It waits at most
 * {@value #BUSY_MILLIS} ms for readers and writers, so it never stalls the device API for long; a
 * checkpoint that could not finish is simply tried again next time. A no-op on PostgreSQL.
 */
public final class WalCheckpoint {
    static final int BUSY_MILLIS = 1_000;

    private WalCheckpoint() {
    }

    /** Checkpoints and truncates the WAL; true when it completed (always on PostgreSQL). */
    public static boolean truncate(Database db) {
        if (db.vendor() != Vendor.SQLITE) {
            return true;
        }
        return db.autoCommit(c -> {
            try (Statement s = c.createStatement()) {
                int usual;
                try (ResultSet r = s.executeQuery("PRAGMA busy_timeout")) {
                    usual = r.next() ? r.getInt(1) : 0;
                }
                s.execute("PRAGMA busy_timeout = " + BUSY_MILLIS);
                try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    return r.next() && r.getInt(1) == 0;
                } finally {
                    s.execute("PRAGMA busy_timeout = " + usual);
                }
            }
        });
    }
}
