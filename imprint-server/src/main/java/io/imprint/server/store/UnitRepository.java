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

    /** Re-issue of an issued unit: new session and (possibly) new chain; false unless still issued. */
    boolean reissue(Connection c, String chipId, String sessionId, String certificateChain) throws SQLException;

    /**
     * Re-provisioning of a provisioned unit (authorized separately): back to issued under a new session
     * and chain, receipt pending again; false unless it was provisioned.
     */
    boolean reprovision(Connection c, String chipId, String sessionId, String certificateChain) throws SQLException;

    /** Marks an issued unit provisioned; false unless it was issued under {@code sessionId}. */
    boolean markProvisioned(Connection c, String chipId, String sessionId, Instant at) throws SQLException;

    /** Unit counts by state, optionally for one product and/or order (null = all). */
    Map<String, Long> countByState(Connection c, String product, String orderId) throws SQLException;
}
