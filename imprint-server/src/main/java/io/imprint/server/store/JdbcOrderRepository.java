package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link OrderRepository} in portable SQL; the quota (and with it the server-assigned serial, which is
 * the quota index) is a conditional update, safe across nodes. The legacy column {@code state} mirrors
 * {@code status} ('closed' iff closed, otherwise 'open').
 */
public final class JdbcOrderRepository implements OrderRepository {
    private static final String COLUMNS = "id, name, product, contract_manufacturer, quantity, used, serial_prefix, "
            + "serial_digits, serial_first, serial_last, status, created_at, serial_mode, valid_from, valid_until";

    @Override
    public void insert(Connection c, OrderRow o) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO orders (" + COLUMNS
                + ", state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            s.setString(13, o.serialMode());
            setInstant(s, 14, o.validFrom());
            setInstant(s, 15, o.validUntil());
            s.setString(16, OrderRow.CLOSED.equals(o.state()) ? OrderRow.CLOSED : OrderRow.OPEN);
            s.executeUpdate();
        }
    }

    @Override
    public Optional<OrderRow> findByName(Connection c, String name) throws SQLException {
        return first(query(c, "SELECT " + COLUMNS + " FROM orders WHERE name = ?", name));
    }

    @Override
    public Optional<OrderRow> findById(Connection c, String id) throws SQLException {
        return first(query(c, "SELECT " + COLUMNS + " FROM orders WHERE id = ?", id));
    }

    @Override
    public List<OrderRow> list(Connection c, String product) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM orders" + (product == null ? "" : " WHERE product = ?")
                + " ORDER BY created_at, name";
        return product == null ? query(c, sql) : query(c, sql, product);
    }

    @Override
    public void lockProduct(Connection c, String product) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE products SET part_number = part_number WHERE name = ?")) {
            s.setString(1, product);
            s.executeUpdate();
        }
    }

    @Override
    public List<OrderRow> withSerialPrefix(Connection c, String product, String prefix) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM orders WHERE product = ? AND serial_prefix = ?", product, prefix);
    }

    @Override
    public Optional<OrderRow> openOrderFor(Connection c, String product, String prefix, int digits, long number)
            throws SQLException {
        return orderCovering(c, product, prefix, digits, number).filter(o -> OrderRow.OPEN.equals(o.state()));
    }

    @Override
    public Optional<OrderRow> orderCovering(Connection c, String product, String prefix, int digits, long number)
            throws SQLException {
        return first(query(c, "SELECT " + COLUMNS + " FROM orders WHERE product = ? AND serial_prefix = ? "
                + "AND serial_digits = ? AND serial_first <= ? AND serial_last >= ? ORDER BY created_at",
                product, prefix, digits, number, number));
    }

    @Override
    public List<OrderRow> serverAssigning(Connection c, String product) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM orders WHERE product = ? AND serial_mode = 'server' "
                + "ORDER BY created_at, name", product);
    }

    @Override
    public boolean consumeOne(Connection c, String orderId, Instant now) throws SQLException {
        String window = now == null ? ""
                : " AND (valid_from IS NULL OR valid_from <= ?) AND (valid_until IS NULL OR valid_until > ?)";
        try (PreparedStatement s = c.prepareStatement("UPDATE orders SET used = used + 1 "
                + "WHERE id = ? AND used < quantity AND status = 'open'" + window)) {
            s.setString(1, orderId);
            if (now != null) {
                s.setLong(2, now.toEpochMilli());
                s.setLong(3, now.toEpochMilli());
            }
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public boolean transition(Connection c, String orderId, String from, String to) throws SQLException {
        return update(c, "UPDATE orders SET status = ?, state = ? WHERE id = ? AND status = ?",
                to, OrderRow.CLOSED.equals(to) ? OrderRow.CLOSED : OrderRow.OPEN, orderId, from);
    }

    @Override
    public boolean close(Connection c, String orderId) throws SQLException {
        return update(c, "UPDATE orders SET status = 'closed', state = 'closed' WHERE id = ? AND status <> 'closed'",
                orderId);
    }

    @Override
    public boolean resize(Connection c, String orderId, long quantity) throws SQLException {
        return update(c, "UPDATE orders SET quantity = ? WHERE id = ? AND used <= ? AND status <> 'closed'",
                quantity, orderId, quantity);
    }

    private static boolean update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Long l) {
                s.setLong(i + 1, l);
            } else if (args[i] instanceof Integer n) {
                s.setInt(i + 1, n);
            } else {
                s.setString(i + 1, (String) args[i]);
            }
        }
    }

    private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }

    private static Optional<OrderRow> first(List<OrderRow> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<OrderRow> query(Connection c, String sql, Object... args) throws SQLException {
        List<OrderRow> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new OrderRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                            r.getLong(6), r.getString(7), r.getInt(8), r.getLong(9), r.getLong(10), r.getString(11),
                            Instant.ofEpochMilli(r.getLong(12)), r.getString(13), instant(r, 14), instant(r, 15)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet r, int index) throws SQLException {
        long v = r.getLong(index);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
