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
            + "certificate_chain, created_at, confirmed_at, session_expires_at";

    @Override
    public void insert(Connection c, UnitRow u) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO units (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, u.chipId());
            s.setString(2, u.product());
            s.setString(3, u.serial());
            s.setString(4, u.orderId());
            s.setString(5, u.state());
            s.setString(6, u.sessionId());
            s.setString(7, u.escrow());
            s.setString(8, u.certificateChain());
            s.setLong(9, u.created().toEpochMilli());
            setMillis(s, 10, u.confirmedAt());
            setMillis(s, 11, u.sessionExpiresAt());
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
    public boolean reissue(Connection c, String chipId, String sessionId, String certificateChain,
                           Instant sessionExpiresAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE units SET session_id = ?, certificate_chain = ?, "
                + "session_expires_at = ? WHERE chip_id = ? AND state = 'issued' "
                + "AND (session_expires_at IS NULL OR session_expires_at < ?)")) {
            s.setString(1, sessionId);
            s.setString(2, certificateChain);
            s.setLong(3, sessionExpiresAt.toEpochMilli());
            s.setString(4, chipId);
            s.setLong(5, sessionExpiresAt.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public boolean reprovision(Connection c, String chipId, String sessionId, String certificateChain,
                               Instant sessionExpiresAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE units SET state = 'issued', session_id = ?, "
                + "certificate_chain = ?, confirmed_at = NULL, session_expires_at = ?, issuance = issuance + 1 "
                + "WHERE chip_id = ? AND state = 'provisioned'")) {
            s.setString(1, sessionId);
            s.setString(2, certificateChain);
            s.setLong(3, sessionExpiresAt.toEpochMilli());
            s.setString(4, chipId);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public void recordSession(Connection c, String sessionId, String chipId, String certificateChain, Instant at,
                              String method, String receiptKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO unit_sessions (session_id, chip_id, issuance, "
                + "certificate_chain, created_at, method, receipt_key) SELECT ?, chip_id, issuance, ?, ?, ?, ? "
                + "FROM units WHERE chip_id = ?")) {
            s.setString(1, sessionId);
            s.setString(2, certificateChain);
            s.setLong(3, at.toEpochMilli());
            s.setString(4, method);
            s.setString(5, receiptKey);
            s.setString(6, chipId);
            if (s.executeUpdate() != 1) {
                throw new SQLException("no unit " + chipId + " to record session " + sessionId + " for");
            }
        }
    }

    @Override
    public Optional<UnitSession> findSession(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT session_id, chip_id, issuance, certificate_chain, "
                + "method, receipt_key FROM unit_sessions WHERE session_id = ?")) {
            s.setString(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new UnitSession(r.getString(1), r.getString(2), r.getInt(3),
                        r.getString(4), r.getString(5), r.getString(6))) : Optional.empty();
            }
        }
    }

    @Override
    public boolean markProvisioned(Connection c, UnitSession session, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE units SET state = 'provisioned', confirmed_at = ?, "
                + "session_id = ?, certificate_chain = ? WHERE chip_id = ? AND state = 'issued' AND issuance = ?")) {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, session.sessionId());
            s.setString(3, session.certificateChain());
            s.setString(4, session.chipId());
            s.setInt(5, session.issuance());
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
                return Optional.of(new UnitRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                        Instant.ofEpochMilli(r.getLong(9)), millis(r, 10), millis(r, 11)));
            }
        }
    }

    private static void setMillis(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }

    private static Instant millis(ResultSet r, int index) throws SQLException {
        long value = r.getLong(index);
        return r.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
