package io.imprint.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database the schema migration refuses: one line that says so, not Flyway's multi-line report. */
class DatabaseMigrationErrorTest {
    @TempDir Path dir;

    @Test
    void open_appliedMigrationChecksumDiffers_oneLineStoreException() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("imprint.db");
        Database.open(url, 1).close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            // A migration edited after it was applied: Flyway refuses it with a report of several lines.
            s.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
        }

        assertThatThrownBy(() -> Database.open(url, 1)).isInstanceOfSatisfying(StoreException.class, e ->
                assertThat(e.getMessage()).startsWith("cannot open or migrate the database: ").doesNotContain("\n"));
    }

    @Test
    void firstLine_passwordInTheMessage_removed() {
        Exception e = new RuntimeException("Unable to obtain connection (jdbc:postgresql://db/x?user=a&password=s3cret)\n---\nmore",
                new java.sql.SQLException("FATAL: password=s3cret rejected\nDetail"));

        assertThat(Database.firstLine(e)).isEqualTo("FATAL: password=*** rejected");
    }
}
