package io.imprint.server.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code alert_outbox} table: alerts waiting for delivery survive a restart. */
public final class AlertOutbox {
    /** A pending alert and how often delivery was tried. */
    public record Pending(String id, Alert alert, int attempts) {
    }

    /** Queues {@code a} for delivery now. */
    public void enqueue(Connection c, Alert a, long nowMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_outbox (id, alert_class, code, product, "
                + "order_id, chip_id, serial, occurred_at, correlation, state, attempts, next_attempt_at, "
                + "correlation_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, a.alertClass());
            s.setString(3, a.code());
            s.setString(4, a.product());
            s.setString(5, a.order());
            s.setString(6, a.chip());
            s.setString(7, a.serial());
            s.setLong(8, a.instant().toEpochMilli());
            s.setString(9, a.correlation());
            s.setLong(10, nowMillis);
            s.setString(11, a.correlationId());
            s.executeUpdate();
        }
    }

    /** Up to {@code limit} pending alerts due at {@code nowMillis}, oldest first. */
    public List<Pending> due(Connection c, long nowMillis, int limit) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, alert_class, code, product, order_id, chip_id, "
                + "serial, occurred_at, correlation, attempts, correlation_id FROM alert_outbox "
                + "WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, occurred_at LIMIT ?")) {
            s.setLong(1, nowMillis);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Pending(r.getString(1), new Alert(r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7),
                            java.time.Instant.ofEpochMilli(r.getLong(8)).toString(), r.getString(9), r.getString(11)),
                            r.getInt(10)));
                }
            }
        }
        return out;
    }

    /**
     * Claims a due alert for one sender until {@code leaseUntilMillis}: with several server nodes on
     * one database only the node whose conditional update succeeds delivers it; if that node dies,
     * the alert is due again when the lease ends.
     */
    public boolean claim(Connection c, String id, long nowMillis, long leaseUntilMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE alert_outbox SET next_attempt_at = ? "
                + "WHERE id = ? AND state = 'pending' AND next_attempt_at <= ?")) {
            s.setLong(1, leaseUntilMillis);
            s.setString(2, id);
            s.setLong(3, nowMillis);
            return s.executeUpdate() == 1;
        }
    }

    public void delivered(Connection c, String id, int attempts) throws SQLException {
        update(c, id, "delivered", attempts, 0, null);
    }

    /** Records a failed attempt: retried at {@code nextMillis}, or given up when {@code last}. */
    public void failed(Connection c, String id, int attempts, long nextMillis, String error, boolean last)
            throws SQLException {
        update(c, id, last ? "failed" : "pending", attempts, nextMillis,
                error.length() <= 256 ? error : error.substring(0, 256));
    }

    /** Alert counts by state ({@code pending}, {@code delivered}, {@code failed}). */
    public java.util.Map<String, Long> countsByState(Connection c) throws SQLException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM alert_outbox GROUP BY state");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), r.getLong(2));
            }
        }
        return out;
    }

    private static void update(Connection c, String id, String state, int attempts, long next, String error)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE alert_outbox SET state = ?, attempts = ?, "
                + "next_attempt_at = ?, last_error = ? WHERE id = ?")) {
            s.setString(1, state);
            s.setInt(2, attempts);
            s.setLong(3, next);
            s.setString(4, error);
            s.setString(5, id);
            s.executeUpdate();
        }
    }
}
