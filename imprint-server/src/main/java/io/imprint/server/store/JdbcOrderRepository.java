package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link OrderRepository} in portable SQL; the quota is a conditional update, safe across nodes. */
public final class JdbcOrderRepository implements OrderRepository {
    private static final String COLUMNS = "id, name, product, contract_manufacturer, quantity, used, serial_prefix, "
            + "serial_digits, serial_first, serial_last, state, created_at";

    @Override
    public void insert(Connection c, OrderRow o) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, o.id());
            s.setString(2, o.name());
            s.setString(3, o.product());
            s.setString(4, o.contractManufacturer());
            s.setLong(5, o.quantity());
            s.setLong(6, o.used());
            s.setString(7, o.serialPrefix());
            s.setInt(8, o.serialDigits());
            s.setLong(9, o.serialFirst());
            s.setLong(10, o.serialLast());
            s.setString(11, o.state());
            s.setLong(12, o.created().toEpochMilli());
            s.executeUpdate();
        }
    }

    @Override
    public Optional<OrderRow> findByName(Connection c, String name) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM orders WHERE name = ?", name);
    }

    @Override
    public Optional<OrderRow> findById(Connection c, String id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM orders WHERE id = ?", id);
    }

    @Override
    public List<OrderRow> list(Connection c, String product) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM orders" + (product == null ? "" : " WHERE product = ?")
                + " ORDER BY created_at, name";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (product != null) {
                s.setString(1, product);
            }
            return all(s);
        }
    }

    @Override
    public List<OrderRow> withSerialShape(Connection c, String product, String prefix, int digits)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM orders WHERE product = ? AND serial_prefix = ? AND serial_digits = ?")) {
            s.setString(1, product);
            s.setString(2, prefix);
            s.setInt(3, digits);
            return all(s);
        }
    }

    @Override
    public Optional<OrderRow> openOrderFor(Connection c, String product, String prefix, int digits, long number)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM orders WHERE product = ? "
                + "AND serial_prefix = ? AND serial_digits = ? AND serial_first <= ? AND serial_last >= ? "
                + "AND state = 'open' ORDER BY created_at")) {
            s.setString(1, product);
            s.setString(2, prefix);
            s.setInt(3, digits);
            s.setLong(4, number);
            s.setLong(5, number);
            List<OrderRow> rows = all(s);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    @Override
    public boolean consumeOne(Connection c, String orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE orders SET used = used + 1 WHERE id = ? AND used < quantity AND state = 'open'")) {
            s.setString(1, orderId);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public boolean close(Connection c, String orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE orders SET state = 'closed' WHERE id = ? AND state = 'open'")) {
            s.setString(1, orderId);
            return s.executeUpdate() == 1;
        }
    }

    private static Optional<OrderRow> one(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            List<OrderRow> rows = all(s);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    private static List<OrderRow> all(PreparedStatement s) throws SQLException {
        List<OrderRow> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new OrderRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                        r.getLong(6), r.getString(7), r.getInt(8), r.getLong(9), r.getLong(10), r.getString(11),
                        Instant.ofEpochMilli(r.getLong(12))));
            }
        }
        return out;
    }
}
