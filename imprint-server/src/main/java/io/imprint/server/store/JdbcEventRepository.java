package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link EventRepository} in portable SQL. */
public final class JdbcEventRepository implements EventRepository {
    private static final String COLUMNS =
            "id, occurred_at, product, order_id, chip_id, serial, outcome, evidence_sha256, detail, correlation_id, method";

    @Override
    public void insert(Connection c, EventRow e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, e.id());
            s.setLong(2, e.time().toEpochMilli());
            s.setString(3, e.product());
            s.setString(4, e.orderId());
            s.setString(5, e.chipId());
            s.setString(6, e.serial());
            s.setString(7, e.outcome());
            s.setString(8, e.evidenceSha256());
            s.setString(9, e.detail());
            s.setString(10, e.correlationId());
            s.setString(11, e.method());
            s.executeUpdate();
        }
    }

    @Override
    public Map<String, Long> countByOutcome(Connection c, String product, String orderId) throws SQLException {
        return GroupCounts.query(c, "events", "outcome", product, orderId);
    }

    @Override
    public List<EventRow> recent(Connection c, String product, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM events" + (product == null ? "" : " WHERE product = ?")
                + " ORDER BY occurred_at DESC, id LIMIT ?";
        List<EventRow> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (product != null) {
                s.setString(i++, product);
            }
            s.setInt(i, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new EventRow(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                            r.getString(9), r.getString(10), r.getString(11)));
                }
            }
        }
        return out;
    }
}
