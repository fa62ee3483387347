package io.imprint.cli.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Injects faults while the swarm runs, one at a time at random moments: SIGKILL of a node (started
 * again after a pause), a foreign transaction that holds the database's write lock (the SQLite file
 * lock, or the audit head row on PostgreSQL), and on PostgreSQL the termination of every backend of
 * the nodes (a database restart as the pool sees it), and, where the data directory is a small
 * file system of its own, a full disk for a while. Counts what it did.
 */
final class FaultInjector implements Runnable {
    private final List<ServerNode> nodes;
    private final String databaseUrl;
    private final String applicationName;
    private final ChaosPlan plan;
    private final Random random;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<String, Integer> injected = new TreeMap<>();
    private volatile Throwable failure;
    private Path fillDir;

    /**
     * @param databaseUrl the JDBC URL the nodes use ({@code jdbc:sqlite:...} or PostgreSQL)
     * @param applicationName PostgreSQL application_name of the nodes' connections, or null on SQLite
     */
    FaultInjector(List<ServerNode> nodes, String databaseUrl, String applicationName, ChaosPlan plan, Random random) {
        this.nodes = nodes;
        this.databaseUrl = databaseUrl;
        this.applicationName = applicationName;
        this.plan = plan;
        this.random = random;
    }

    /** Enables the disk-full fault: {@code dir} lies on the (small) file system the database writes to. */
    FaultInjector withDiskToFill(Path dir) {
        this.fillDir = dir;
        return this;
    }

    @Override
    public void run() {
        try {
            while (!stop.get() && injected.getOrDefault("kill", 0) < plan.kills()) {
                Thread.sleep(plan.faultGapMillis() / 2 + random.nextInt(plan.faultGapMillis()));
                if (stop.get()) {
                    break;
                }
                // The first fault is always a kill, so even a short run proves restart (the test requires one).
                int pick = injected.isEmpty() ? 0 : random.nextInt(5);
                if (pick == 3 && applicationName != null) {
                    terminateBackends();
                } else if (pick == 4 && fillDir != null) {
                    fillDisk();
                } else if (pick == 2) {
                    holdWriteLock();
                } else {
                    killAndRestart();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void killAndRestart() throws Exception {
        ServerNode node = nodes.get(random.nextInt(nodes.size()));
        node.kill();
        count("kill");
        Thread.sleep(200 + random.nextInt(800));
        node.start();
    }

    /** A foreign writer holds the lock every issuance needs for {@link ChaosPlan#stallMillis()}. */
    private void holdWriteLock() throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(databaseUrl); Statement s = c.createStatement()) {
            if (applicationName == null) {
                s.execute("PRAGMA busy_timeout = 60000");
                s.execute("BEGIN IMMEDIATE");
            } else {
                c.setAutoCommit(false);
                s.execute("LOCK TABLE audit_head IN ACCESS EXCLUSIVE MODE");
            }
            count("stall");
            Thread.sleep(plan.stallMillis());
            if (applicationName == null) {
                s.execute("ROLLBACK");
            } else {
                c.rollback();
            }
        }
    }

    /** Ends every PostgreSQL backend of the nodes, as a database restart does to their pools. */
    private void terminateBackends() throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl.replace(applicationName, applicationName + "-faults"));
             PreparedStatement s = c.prepareStatement(
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, applicationName);
            s.executeQuery().close();
        }
        count("terminate-backends");
    }

    /** Writes until the file system is full, keeps it full for {@link ChaosPlan#stallMillis()}, frees it. */
    private void fillDisk() throws IOException, InterruptedException {
        Path fill = fillDir.resolve("chaos-fill");
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(fill)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // No space left on device: what the nodes now meet too.
        }
        try {
            count("disk-full");
            Thread.sleep(plan.stallMillis());
        } finally {
            Files.deleteIfExists(fill);
        }
    }

    private synchronized void count(String fault) {
        injected.merge(fault, 1, Integer::sum);
    }

    void stop() {
        stop.set(true);
    }

    synchronized Map<String, Integer> injected() {
        return new TreeMap<>(injected);
    }

    Throwable failure() {
        return failure;
    }
}
