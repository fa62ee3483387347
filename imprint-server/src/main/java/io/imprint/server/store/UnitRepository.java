package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Units: one row per chip, unique chip ID and unique serial per product. */
public interface UnitRepository {
    /** Inserts; a known chip or serial raises {@link UniqueViolation}. */
    void insert(Connection c, UnitRow unit) throws SQLException;

    Optional<UnitRow> findByChip(Connection c, String chipId) throws SQLException;

    Optional<UnitRow> findBySerial(Connection c, String product, String serial) throws SQLException;

    Optional<UnitRow> findBySession(Connection c, String sessionId) throws SQLException;

    /**
     * Re-issue of an issued unit to a newer attempt: new session, its challenge expiry and (possibly)
     * new chain; false unless the unit is still issued and its current session's challenge expired
     * before {@code sessionExpiresAt} (an older attempt never takes the place of a newer one).
     */
    boolean reissue(Connection c, String chipId, String sessionId, String certificateChain, Instant sessionExpiresAt)
            throws SQLException;

    /**
     * Re-provisioning of a provisioned unit (authorized separately): back to issued under a new session
     * and chain, receipt pending again, a new issuance (receipts of earlier sessions no longer count);
     * false unless it was provisioned.
     */
    boolean reprovision(Connection c, String chipId, String sessionId, String certificateChain,
                        Instant sessionExpiresAt) throws SQLException;

    /** {@link #recordSession(Connection, String, String, String, Instant, String, String)} of a {@code caam-mp} session. */
    default void recordSession(Connection c, String sessionId, String chipId, String certificateChain, Instant at)
            throws SQLException {
        recordSession(c, sessionId, chipId, certificateChain, at, "caam-mp", null);
    }

    /**
     * Records that {@code sessionId} delivered the unit's escrowed identity with {@code certificateChain},
     * attested by {@code method}, whose receipt {@code receiptKey} (Base64 SubjectPublicKeyInfo, or null
     * for the method's product-wide key) signs.
     */
    void recordSession(Connection c, String sessionId, String chipId, String certificateChain, Instant at,
                       String method, String receiptKey) throws SQLException;

    /** The delivering session {@code sessionId}, if one was recorded. */
    Optional<UnitSession> findSession(Connection c, String sessionId) throws SQLException;

    /**
     * Marks an issued unit provisioned by the receipt of {@code session}, which becomes the unit's
     * session and chain; false unless the unit is issued and still in the session's issuance.
     */
    boolean markProvisioned(Connection c, UnitSession session, Instant at) throws SQLException;

    /** Unit counts by state, optionally for one product and/or order (null = all). */
    Map<String, Long> countByState(Connection c, String product, String orderId) throws SQLException;
}
