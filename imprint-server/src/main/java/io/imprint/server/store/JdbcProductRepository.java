package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ProductRepository} in portable SQL. */
public final class JdbcProductRepository implements ProductRepository {
    private static final String COLUMNS =
            "name, part_number, srk_hash, mp_curve, mp_public_key, secret_template, created_at";

    @Override
    public void insert(Connection c, ProductRow p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO products (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.name());
            s.setString(2, p.partNumber());
            s.setString(3, p.srkHash());
            s.setString(4, p.mpCurve());
            s.setString(5, p.mpPublicKey());
            s.setString(6, p.secretTemplate());
            s.setLong(7, p.created().toEpochMilli());
            s.executeUpdate();
        }
    }

    @Override
    public Optional<ProductRow> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM products WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    @Override
    public List<ProductRow> list(Connection c) throws SQLException {
        List<ProductRow> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM products ORDER BY name");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(row(r));
            }
        }
        return out;
    }

    private static ProductRow row(ResultSet r) throws SQLException {
        return new ProductRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), Instant.ofEpochMilli(r.getLong(7)));
    }
}
