package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A fixed set of connections, opened lazily and handed out one caller at a time. */
final class ConnectionPool implements AutoCloseable {
    /** Opens one new connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private static final long WAIT_SECONDS = 30;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private final Opener opener;
    private final int size;
    private boolean closed;

    ConnectionPool(int size, Opener opener) {
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
        this.opener = opener;
    }

    Connection take() throws SQLException {
        Connection c = idle.poll();
        if (c == null) {
            c = openIfRoom();
        }
        if (c == null) {
            try {
                c = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a connection", e);
            }
            if (c == null) {
                throw new SQLException("no database connection free within " + WAIT_SECONDS + " s");
            }
        }
        return c;
    }

    /** Returns a connection; a broken one is closed and replaced on demand. */
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
        idle.add(c);
    }

    private synchronized Connection openIfRoom() throws SQLException {
        if (closed) {
            throw new SQLException("database closed");
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
