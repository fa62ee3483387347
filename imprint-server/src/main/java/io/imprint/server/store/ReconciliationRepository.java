package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Signed order reconciliations, and the event queries they are built from. */
public final class ReconciliationRepository {
    /** A stored reconciliation: canonical JSON and the audit key's signature (Base64 r||s). */
    public record Stored(String orderId, String canonical, String signature, Instant created) {
    }

    /** An event without order id that names a serial: (outcome, serial). */
    public record Unattributed(String outcome, String serial) {
    }

    public void insert(Connection c, Stored r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO order_reconciliations (order_id, canonical, signature, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, r.orderId());
            s.setString(2, r.canonical());
            s.setString(3, r.signature());
            s.setLong(4, r.created().toEpochMilli());
            s.executeUpdate();
        }
    }

    public Optional<Stored> find(Connection c, String orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT order_id, canonical, signature, created_at FROM order_reconciliations WHERE order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Stored(r.getString(1), r.getString(2), r.getString(3),
                        Instant.ofEpochMilli(r.getLong(4)))) : Optional.empty();
            }
        }
    }

    /** Event counts by outcome for one order. */
    public Map<String, Long> outcomes(Connection c, String orderId) throws SQLException {
        return GroupCounts.query(c, "events", "outcome", null, orderId);
    }

    /** Events of {@code product} with a serial but no order id (refused before an order was known). */
    public List<Unattributed> unattributed(Connection c, String product) throws SQLException {
        List<Unattributed> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT outcome, serial FROM events WHERE product = ? "
                + "AND order_id IS NULL AND serial IS NOT NULL")) {
            s.setString(1, product);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Unattributed(r.getString(1), r.getString(2)));
                }
            }
        }
        return out;
    }

    /** Unit counts by state for one order. */
    public Map<String, Long> units(Connection c, String orderId) throws SQLException {
        return new TreeMap<>(GroupCounts.query(c, "units", "state", null, orderId));
    }
}
