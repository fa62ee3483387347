package io.imprint.server.testing;

import io.imprint.protocol.crypto.Providers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Test databases: PostgreSQL from {@code IMPRINT_TEST_PG_URL} in a fresh schema per use, dropped
 * again on {@link PostgresSchema#close()}.
 */
public final class TestDatabases {
    public static final String PG_ENV = "IMPRINT_TEST_PG_URL";

    private TestDatabases() {
    }

    /** The configured PostgreSQL URL, or null when PostgreSQL tests are to be skipped. */
    public static String postgresUrl() {
        String url = System.getenv(PG_ENV);
        return url == null || url.isBlank() ? null : url;
    }

    /** Creates a schema {@code imprint_test_<random>} and returns its URL. */
    public static PostgresSchema freshSchema() throws SQLException {
        String base = postgresUrl();
        if (base == null) {
            throw new IllegalStateException(PG_ENV + " is not set");
        }
        String schema = "imprint_test_" + HexFormat.of().formatHex(Providers.randomBytes(6));
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return new PostgresSchema(base, schema);
    }

    /**
     * Ends every backend whose {@code application_name} is {@code application} (a test's own
     * connections, as a database restart ends them), waiting up to 10 s each; returns how many ended.
     */
    public static int terminateBackends(String application) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgresUrl());
             java.sql.PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(pid, 10000) FROM "
                     + "pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, application);
            int n = 0;
            try (java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    n += r.getBoolean(1) ? 1 : 0;
                }
            }
            return n;
        }
    }

    /** A throw-away schema. */
    public static final class PostgresSchema implements AutoCloseable {
        private final String base;
        private final String schema;

        PostgresSchema(String base, String schema) {
            this.base = base;
            this.schema = schema;
        }

        /** JDBC URL whose current schema is this one. */
        public String url() {
            return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
