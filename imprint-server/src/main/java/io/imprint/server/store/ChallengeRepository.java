package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Single-use challenges. */
public interface ChallengeRepository {
    void insert(Connection c, ChallengeRow challenge) throws SQLException;

    Optional<ChallengeRow> find(Connection c, String sessionId) throws SQLException;

    /**
     * Keeps a method's preparation state with an unused challenge, once: true for exactly one caller,
     * false when the challenge is unknown, used, or already prepared.
     */
    boolean prepare(Connection c, String sessionId, String methodState) throws SQLException;

    /** The preparation state kept with the challenge, if any. */
    Optional<String> methodState(Connection c, String sessionId) throws SQLException;

    /** Marks the challenge used; true for exactly one caller. */
    boolean consume(Connection c, String sessionId) throws SQLException;

    /** Deletes at most {@code limit} challenges that expired before {@code cutoff}; returns how many. */
    int deleteExpired(Connection c, Instant cutoff, int limit) throws SQLException;
}
