package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link MethodRepository} in portable SQL. */
public final class JdbcMethodRepository implements MethodRepository {
    private static final String ROOT_COLUMNS = "product, method, fingerprint, certificate, subject, created_at";

    @Override
    public void accept(Connection c, String product, String method, Instant at) throws SQLException {
        if (methods(c, product).contains(method)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO product_methods (product, method, created_at) VALUES (?, ?, ?)")) {
            s.setString(1, product);
            s.setString(2, method);
            s.setLong(3, at.toEpochMilli());
            s.executeUpdate();
        }
    }

    @Override
    public boolean refuse(Connection c, String product, String method) throws SQLException {
        try (PreparedStatement r = c.prepareStatement(
                "DELETE FROM product_trust_roots WHERE product = ? AND method = ?")) {
            r.setString(1, product);
            r.setString(2, method);
            r.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM product_methods WHERE product = ? AND method = ?")) {
            s.setString(1, product);
            s.setString(2, method);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public List<String> methods(Connection c, String product) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT method FROM product_methods WHERE product = ? ORDER BY method")) {
            s.setString(1, product);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    @Override
    public void addRoot(Connection c, TrustRootRow root) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO product_trust_roots (" + ROOT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, root.product());
            s.setString(2, root.method());
            s.setString(3, root.fingerprint());
            s.setString(4, root.certificate());
            s.setString(5, root.subject());
            s.setLong(6, root.created().toEpochMilli());
            s.executeUpdate();
        }
    }

    @Override
    public boolean removeRoot(Connection c, String product, String method, String fingerprint) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM product_trust_roots WHERE product = ? AND method = ? AND fingerprint = ?")) {
            s.setString(1, product);
            s.setString(2, method);
            s.setString(3, fingerprint);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public List<TrustRootRow> roots(Connection c, String product, String method) throws SQLException {
        String sql = "SELECT " + ROOT_COLUMNS + " FROM product_trust_roots WHERE product = ?"
                + (method == null ? "" : " AND method = ?") + " ORDER BY method, fingerprint";
        List<TrustRootRow> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, product);
            if (method != null) {
                s.setString(2, method);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new TrustRootRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), Instant.ofEpochMilli(r.getLong(6))));
                }
            }
        }
        return out;
    }
}
