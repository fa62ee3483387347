package io.imprint.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * The database: embedded SQLite (WAL, busy timeout, {@code BEGIN IMMEDIATE} so writers serialize
 * instead of failing) or PostgreSQL. Migrates the schema on open. Every {@link #transaction}
 * commits or rolls back as a whole.
 */
public final class Database implements AutoCloseable {
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
    private final Vendor vendor;
    private final ConnectionPool pool;

    private Database(Vendor vendor, ConnectionPool pool) {
        this.vendor = vendor;
        this.pool = pool;
    }

    /** The embedded database {@code <dataDir>/imprint.db}. */
    public static Database sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir, e);
        }
        return open("jdbc:sqlite:" + dataDir.resolve("imprint.db").toAbsolutePath(), 4);
    }

    /** Opens and migrates the database at {@code jdbcUrl} with at most {@code poolSize} connections. */
    public static Database open(String jdbcUrl, int poolSize) {
        Vendor vendor = Vendor.of(jdbcUrl);
        Flyway.configure().dataSource(jdbcUrl, null, null).locations("classpath:db/migration")
                .loggers("slf4j").load().migrate();
        ConnectionPool pool = new ConnectionPool(poolSize, () -> connect(vendor, jdbcUrl));
        return new Database(vendor, pool);
    }

    /**
     * Runs {@code work} on one short-lived connection to {@code jdbcUrl}, without migrating: for the
     * checks made before a store is opened. Its {@link SQLException}s reach the caller unchanged.
     */
    public static <T> T probe(String jdbcUrl, SqlWork<T> work) throws SQLException {
        try (Connection c = connect(Vendor.of(jdbcUrl), jdbcUrl)) {
            return work.run(c);
        }
    }

    private static Connection connect(Vendor vendor, String url) throws SQLException {
        if (vendor == Vendor.SQLITE) {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
            config.setWalAutocheckpoint(1_000); // pages (about 4 MB): SQLite's default, stated
            config.setJournalSizeLimit(64 * 1024 * 1024); // a reset WAL is cut back to 64 MB
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.enforceForeignKeys(true);
            return DriverManager.getConnection(url, config.toProperties());
        }
        return DriverManager.getConnection(url);
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(SqlWork<T> work) {
        return use(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** Runs {@code work} on a connection in auto-commit mode (each statement its own transaction). */
    public <T> T autoCommit(SqlWork<T> work) {
        return use(work);
    }

    private <T> T use(SqlWork<T> work) {
        Connection c;
        try {
            c = pool.take();
        } catch (SQLException e) {
            throw new StoreException("no database connection", e);
        }
        boolean broken = false;
        try {
            return work.run(c);
        } catch (SQLException e) {
            broken = isBroken(c);
            if (vendor.isUniqueViolation(e)) {
                throw new UniqueViolation(e);
            }
            throw new StoreException("database error: " + e.getMessage(), e);
        } finally {
            pool.give(c, broken);
        }
    }

    private static boolean isBroken(Connection c) {
        try {
            return c.isClosed() || !c.isValid(1);
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
