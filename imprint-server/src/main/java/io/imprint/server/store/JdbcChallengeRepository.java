package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@link ChallengeRepository} in portable SQL; consumption is a conditional update. */
public final class JdbcChallengeRepository implements ChallengeRepository {
    @Override
    public void insert(Connection c, ChallengeRow ch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO challenges (session_id, product, nonce, expires_at, used) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, ch.sessionId());
            s.setString(2, ch.product());
            s.setString(3, ch.nonce());
            s.setLong(4, ch.expiresAt().toEpochMilli());
            s.setInt(5, ch.used() ? 1 : 0);
            s.executeUpdate();
        }
    }

    @Override
    public Optional<ChallengeRow> find(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT session_id, product, nonce, expires_at, used FROM challenges WHERE session_id = ?")) {
            s.setString(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ChallengeRow(r.getString(1), r.getString(2), r.getString(3),
                        Instant.ofEpochMilli(r.getLong(4)), r.getInt(5) != 0));
            }
        }
    }

    @Override
    public boolean prepare(Connection c, String sessionId, String methodState) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE challenges SET method_state = ? "
                + "WHERE session_id = ? AND used = 0 AND method_state IS NULL")) {
            s.setString(1, methodState);
            s.setString(2, sessionId);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public Optional<String> methodState(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT method_state FROM challenges WHERE session_id = ?")) {
            s.setString(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public boolean consume(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE challenges SET used = 1 WHERE session_id = ? AND used = 0")) {
            s.setString(1, sessionId);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public int deleteExpired(Connection c, Instant cutoff, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM challenges WHERE session_id IN "
                + "(SELECT session_id FROM challenges WHERE expires_at < ? ORDER BY expires_at LIMIT ?)")) {
            s.setLong(1, cutoff.toEpochMilli());
            s.setInt(2, limit);
            return s.executeUpdate();
        }
    }
}
