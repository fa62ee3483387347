package io.imprint.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The database: embedded SQLite (WAL, {@code BEGIN IMMEDIATE} so writers serialize instead of
 * failing) or PostgreSQL. Migrates the schema on open.
 *
 * <p>Every {@link #transaction} commits or rolls back as a whole, and its connection goes back to the
 * pool in a known state (no transaction open, auto-commit on) or is closed. A lock held by someone
 * else longer than the lock timeout, a lost connection or an exhausted pool raise
 * {@link StoreUnavailable}; a transaction whose PostgreSQL connection was lost before its commit is
 * run once more on a fresh connection (the server rolled the first run back), so its work must have
 * no effect outside the connection. Connections idle for a while are validated before use.
 */
public final class Database implements AutoCloseable {
    /** How long a statement waits for a lock another connection (or process) holds, unless configured. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration VALIDATE_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private final Vendor vendor;
    private final ConnectionPool pool;
    private final Transactions transactions;

    private Database(Vendor vendor, ConnectionPool pool) {
        this.vendor = vendor;
        this.pool = pool;
        this.transactions = new Transactions(vendor);
    }

    /** The embedded database {@code <dataDir>/imprint.db}, default lock timeout. */
    public static Database sqlite(Path dataDir) {
        return sqlite(dataDir, DEFAULT_LOCK_TIMEOUT);
    }

    /** The embedded database {@code <dataDir>/imprint.db}, waiting at most {@code lockTimeout} for the write lock. */
    public static Database sqlite(Path dataDir, Duration lockTimeout) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir, e);
        }
        return open("jdbc:sqlite:" + dataDir.resolve("imprint.db").toAbsolutePath(), 4, lockTimeout);
    }

    /** Opens and migrates the database at {@code jdbcUrl} with at most {@code poolSize} connections. */
    public static Database open(String jdbcUrl, int poolSize) {
        return open(jdbcUrl, poolSize, DEFAULT_LOCK_TIMEOUT);
    }

    /** As {@link #open(String, int)}; a statement waits at most {@code lockTimeout} for a lock. */
    public static Database open(String jdbcUrl, int poolSize, Duration lockTimeout) {
        return open(jdbcUrl, poolSize, lockTimeout, VALIDATE_AFTER);
    }

    /** As above; a connection idle longer than {@code validateAfter} is validated before use. */
    static Database open(String jdbcUrl, int poolSize, Duration lockTimeout, Duration validateAfter) {
        Vendor vendor = Vendor.of(jdbcUrl);
        try {
            Flyway.configure().dataSource(jdbcUrl, null, null).locations("classpath:db/migration")
                    .loggers("slf4j").load().migrate();
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new StoreException("cannot open or migrate the database: " + firstLine(e), e);
        }
        long lockMillis = Math.max(1, lockTimeout.toMillis());
        ConnectionPool pool = new ConnectionPool(poolSize, validateAfter, () -> connect(vendor, jdbcUrl, lockMillis));
        return new Database(vendor, pool);
    }

    /**
     * Runs {@code work} on one short-lived connection to {@code jdbcUrl}, without migrating: for the
     * checks made before a store is opened. Its {@link SQLException}s reach the caller unchanged.
     */
    public static <T> T probe(String jdbcUrl, SqlWork<T> work) throws SQLException {
        try (Connection c = connect(Vendor.of(jdbcUrl), jdbcUrl, DEFAULT_LOCK_TIMEOUT.toMillis())) {
            return work.run(c);
        }
    }

    /**
     * One line for a Flyway failure (its messages run over several lines and may quote the JDBC URL):
     * the innermost database error if there is one, with any {@code password=} value removed.
     */
    static String firstLine(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                root = t;
            }
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl).strip();
        return line.replaceAll("(?i)(password=)[^&\\s)'\"]*", "$1***");
    }

    private static Connection connect(Vendor vendor, String url, long lockMillis) throws SQLException {
        if (vendor == Vendor.SQLITE) {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, lockMillis));
            config.setWalAutocheckpoint(1_000); // pages (about 4 MB): SQLite's default, stated
            config.setJournalSizeLimit(64 * 1024 * 1024); // a reset WAL is cut back to 64 MB
            config.enforceForeignKeys(true);
            return DriverManager.getConnection(url, config.toProperties());
        }
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = " + lockMillis);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(SqlWork<T> work) {
        try {
            return use(work, true);
        } catch (Transactions.LostBeforeCommit e) {
            LOG.warn("database connection lost before commit ({}); running the transaction again on a fresh "
                    + "connection", e.getCause().getMessage());
            try {
                return use(work, true);
            } catch (Transactions.LostBeforeCommit again) {
                throw new StoreUnavailable("database connection lost twice: " + again.getCause().getMessage(),
                        again.getCause());
            }
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode (each statement its own transaction). */
    public <T> T autoCommit(SqlWork<T> work) {
        return use(work, false);
    }

    private <T> T use(SqlWork<T> work, boolean transactional) {
        Connection c;
        try {
            c = pool.take();
        } catch (SQLException e) {
            throw new StoreUnavailable("no database connection: " + e.getMessage(), e);
        }
        Transactions.Outcome outcome = new Transactions.Outcome();
        try {
            return transactional ? transactions.run(c, work, outcome) : work.run(c);
        } catch (Transactions.LostBeforeCommit e) {
            outcome.doubtful = true;
            pool.suspectIdle();
            throw e;
        } catch (SQLException e) {
            if (vendor.isConnectionLost(e)) {
                outcome.doubtful = true;
                pool.suspectIdle();
            }
            outcome.doubtful |= isBroken(c);
            if (vendor.isUniqueViolation(e)) {
                throw new UniqueViolation(e);
            }
            if (vendor.isTransient(e)) {
                throw new StoreUnavailable("database unavailable: " + e.getMessage(), e);
            }
            throw new StoreException("database error: " + e.getMessage(), e);
        } finally {
            pool.give(c, outcome.doubtful);
        }
    }

    private static boolean isBroken(Connection c) {
        try {
            return c.isClosed() || !c.isValid(1);
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * Closes every connection. On SQLite the write-ahead log is checkpointed into the database first
     * and truncated, so a clean stop leaves no WAL behind (SQLite removes it with the last connection).
     */
    @Override
    public void close() {
        if (vendor == Vendor.SQLITE) {
            try {
                autoCommit(c -> {
                    try (Statement s = c.createStatement()) {
                        return s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                });
            } catch (StoreException e) {
                LOG.warn("checkpoint of the write-ahead log at close failed: {}", e.getMessage());
            }
        }
        pool.close();
    }
}
