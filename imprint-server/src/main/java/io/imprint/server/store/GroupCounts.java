package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts rows of a table grouped by one column, optionally filtered by product and order. */
final class GroupCounts {
    private GroupCounts() {
    }

    /** {@code table} and {@code column} are constants of the calling repository, never user input. */
    static Map<String, Long> query(Connection c, String table, String column, String product, String orderId)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + column + ", COUNT(*) FROM " + table + " WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (product != null) {
            sql.append(" AND product = ?");
            args.add(product);
        }
        if (orderId != null) {
            sql.append(" AND order_id = ?");
            args.add(orderId);
        }
        sql.append(" GROUP BY ").append(column);
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setString(i + 1, args.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return out;
    }
}
