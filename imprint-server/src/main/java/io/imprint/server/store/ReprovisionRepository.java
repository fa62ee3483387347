package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Single-use re-provisioning authorizations; consuming one is a conditional update, safe across nodes. */
public final class ReprovisionRepository {
    /** Stores a new, unconsumed authorization. */
    public void insert(Connection c, String id, String product, String chipId, String reason, String by, Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO reprovision_authorizations "
                + "(id, product, chip_id, reason, authorized_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, product);
            s.setString(3, chipId);
            s.setString(4, reason);
            s.setString(5, by);
            s.setLong(6, at.toEpochMilli());
            s.executeUpdate();
        }
    }

    /** The id of the oldest unconsumed authorization for the chip, if any. */
    public Optional<String> pending(Connection c, String product, String chipId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM reprovision_authorizations WHERE product = ? "
                + "AND chip_id = ? AND consumed_at IS NULL ORDER BY created_at, id")) {
            s.setString(1, product);
            s.setString(2, chipId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Consumes the authorization; false when another attempt consumed it first. */
    public boolean consume(Connection c, String id, String session, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE reprovision_authorizations SET consumed_at = ?, "
                + "consumed_session = ? WHERE id = ? AND consumed_at IS NULL")) {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, session);
            s.setString(3, id);
            return s.executeUpdate() == 1;
        }
    }
}
