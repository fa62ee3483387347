package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Product policies, one row per product; no row means deny everything. */
public interface PolicyRepository {
    /** Inserts or replaces the policy of {@code row.product()}. */
    void put(Connection c, PolicyRow row) throws SQLException;

    Optional<PolicyRow> find(Connection c, String product) throws SQLException;
}
