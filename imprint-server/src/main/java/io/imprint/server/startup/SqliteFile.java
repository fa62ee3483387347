package io.imprint.server.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/** Checks of the embedded database file before it is opened: present, not empty, SQLite, intact. */
final class SqliteFile {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteFile() {
    }

    /** Refuses a 0-byte or non-SQLite {@code file} (it is never opened, so never turned into an empty store). */
    static void checkHeader(Path file) {
        byte[] head = new byte[HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StoreStartException(file + ": cannot read the database: " + e.getMessage(), e);
        }
        if (read == 0) {
            throw new StoreStartException(file + ": empty file (0 bytes), not an Imprint database; restore it from a "
                    + "backup (nothing was changed)");
        }
        if (read < HEADER.length || !Arrays.equals(head, HEADER)) {
            throw new StoreStartException(file + ": not an SQLite database; restore it from a backup (nothing was changed)");
        }
    }

    /** {@code PRAGMA quick_check}: refuses a database whose pages or records are damaged. */
    static void quickCheck(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA quick_check(1)")) {
            String first = r.next() ? r.getString(1) : "no answer";
            if (!"ok".equalsIgnoreCase(first)) {
                throw new StoreStartException(file + ": integrity check failed (" + first.replace('\n', ' ')
                        + "); restore the database from a backup (nothing was changed)");
            }
        }
    }
}
