package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of connections, opened lazily and handed out one caller at a time. A connection that
 * sat idle longer than {@code validateAfter} is checked ({@link Connection#isValid}) before it is
 * handed out, and replaced when the database dropped it meanwhile (an outage, a restart, a terminated
 * backend), so no caller gets a dead connection after the database came back; once one connection
 * was found dead, every connection idle at that moment is validated too.
 */
final class ConnectionPool implements AutoCloseable {
    /** Opens one new connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private record Idle(Connection connection, long sinceNanos) {
    }

    private static final long WAIT_SECONDS = 30;
    private static final int VALIDATION_SECONDS = 1;
    private final BlockingQueue<Idle> idle;
    private final List<Connection> all = new ArrayList<>();
    private final Opener opener;
    private final int size;
    private final long validateAfterNanos;
    private volatile long suspectBeforeNanos = System.nanoTime();
    private boolean closed;

    ConnectionPool(int size, Duration validateAfter, Opener opener) {
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
        this.validateAfterNanos = validateAfter.toNanos();
        this.opener = opener;
    }

    Connection take() throws SQLException {
        while (true) {
            Idle i = idle.poll();
            if (i == null) {
                Connection c = openIfRoom();
                if (c != null) {
                    return c;
                }
                i = await();
            }
            boolean trusted = System.nanoTime() - i.sinceNanos() < validateAfterNanos
                    && i.sinceNanos() - suspectBeforeNanos > 0;
            if (trusted || valid(i.connection())) {
                return i.connection();
            }
            give(i.connection(), true);
        }
    }

    private Idle await() throws SQLException {
        try {
            Idle i = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (i == null) {
                throw new SQLException("no database connection free within " + WAIT_SECONDS + " s");
            }
            return i;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(VALIDATION_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A connection was found dead: the ones idle now were probably dropped with it (an outage, a
     * restart), so each is validated before it is handed out again.
     */
    void suspectIdle() {
        suspectBeforeNanos = System.nanoTime();
    }

    /** Returns a connection; a broken (or doubtful) one is closed and replaced on demand. */
    void give(Connection c, boolean broken) {
        if (broken) {
            synchronized (this) {
                all.remove(c);
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // already unusable
            }
            return;
        }
        synchronized (this) {
            if (closed) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
                return;
            }
        }
        idle.add(new Idle(c, System.nanoTime()));
    }

    private synchronized Connection openIfRoom() throws SQLException {
        if (closed) {
            throw new SQLException("database closed", "08003");
        }
        if (all.size() >= size) {
            return null;
        }
        Connection c = opener.open();
        all.add(c);
        return c;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        all.clear();
        idle.clear();
    }
}
