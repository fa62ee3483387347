package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** {@link UnitRepository} in portable SQL; uniqueness comes from the table's constraints. */
public final class JdbcUnitRepository implements UnitRepository {
    private static final String COLUMNS = "chip_id, product, serial, order_id, state, session_id, escrow, "
            + "certificate_chain, created_at, confirmed_at";

    @Override
    public void insert(Connection c, UnitRow u) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO units (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, u.chipId());
            s.setString(2, u.product());
            s.setString(3, u.serial());
            s.setString(4, u.orderId());
            s.setString(5, u.state());
            s.setString(6, u.sessionId());
            s.setString(7, u.escrow());
            s.setString(8, u.certificateChain());
            s.setLong(9, u.created().toEpochMilli());
            if (u.confirmedAt() == null) {
                s.setNull(10, Types.BIGINT);
            } else {
                s.setLong(10, u.confirmedAt().toEpochMilli());
            }
            s.executeUpdate();
        }
    }

    @Override
    public Optional<UnitRow> findByChip(Connection c, String chipId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM units WHERE chip_id = ?", chipId);
    }

    @Override
    public Optional<UnitRow> findBySerial(Connection c, String product, String serial) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM units WHERE product = ? AND serial = ?", product, serial);
    }

    @Override
    public Optional<UnitRow> findBySession(Connection c, String sessionId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM units WHERE session_id = ?", sessionId);
    }

    @Override
    public boolean reissue(Connection c, String chipId, String sessionId, String certificateChain)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE units SET session_id = ?, certificate_chain = ? "
                + "WHERE chip_id = ? AND state = 'issued'")) {
            s.setString(1, sessionId);
            s.setString(2, certificateChain);
            s.setString(3, chipId);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public boolean reprovision(Connection c, String chipId, String sessionId, String certificateChain)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE units SET state = 'issued', session_id = ?, "
                + "certificate_chain = ?, confirmed_at = NULL WHERE chip_id = ? AND state = 'provisioned'")) {
            s.setString(1, sessionId);
            s.setString(2, certificateChain);
            s.setString(3, chipId);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public boolean markProvisioned(Connection c, String chipId, String sessionId, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE units SET state = 'provisioned', confirmed_at = ? "
                + "WHERE chip_id = ? AND session_id = ? AND state = 'issued'")) {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, chipId);
            s.setString(3, sessionId);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public Map<String, Long> countByState(Connection c, String product, String orderId) throws SQLException {
        return GroupCounts.query(c, "units", "state", product, orderId);
    }

    private static Optional<UnitRow> one(Connection c, String sql, String... keys) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.length; i++) {
                s.setString(i + 1, keys[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long confirmed = r.getLong(10);
                Instant confirmedAt = r.wasNull() ? null : Instant.ofEpochMilli(confirmed);
                return Optional.of(new UnitRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                        Instant.ofEpochMilli(r.getLong(9)), confirmedAt));
            }
        }
    }
}
