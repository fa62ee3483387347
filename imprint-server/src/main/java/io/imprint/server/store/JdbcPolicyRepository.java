package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@link PolicyRepository} in portable SQL (delete + insert, inside the caller's transaction). */
public final class JdbcPolicyRepository implements PolicyRepository {
    private static final String COLUMNS = "product, allowed_software, required_metadata, development, accepted_mpmr, "
            + "hook_url, hook_ca_pem, hook_pin_sha256, hook_timeout_ms, updated_at";

    @Override
    public void put(Connection c, PolicyRow p) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM product_policies WHERE product = ?")) {
            d.setString(1, p.product());
            d.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO product_policies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.product());
            s.setString(2, p.allowedSoftware());
            s.setString(3, p.requiredMetadata());
            s.setInt(4, p.development() ? 1 : 0);
            s.setString(5, p.acceptedMpmr());
            s.setString(6, p.hookUrl());
            s.setString(7, p.hookCaPem());
            s.setString(8, p.hookPinSha256());
            s.setLong(9, p.hookTimeoutMillis());
            s.setLong(10, p.updated().toEpochMilli());
            s.executeUpdate();
        }
    }

    @Override
    public Optional<PolicyRow> find(Connection c, String product) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM product_policies WHERE product = ?")) {
            s.setString(1, product);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PolicyRow(r.getString(1), r.getString(2), r.getString(3), r.getInt(4) == 1,
                        r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getLong(9),
                        Instant.ofEpochMilli(r.getLong(10))));
            }
        }
    }
}
