package io.imprint.server.startup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The one-row table {@code store_identity}. */
final class IdentityTable {
    private IdentityTable() {
    }

    static Optional<StoreIdentity> find(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT store_id, escrow_key, audit_key, operator_ca, created_at FROM store_identity WHERE singleton = 1");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoreIdentity(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                    Instant.ofEpochMilli(r.getLong(5))));
        }
    }

    /** Inserts the identity; a second one violates the primary key. */
    static void insert(Connection c, StoreIdentity identity) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO store_identity "
                + "(singleton, store_id, escrow_key, audit_key, operator_ca, created_at) VALUES (1, ?, ?, ?, ?, ?)")) {
            s.setString(1, identity.storeId());
            s.setString(2, identity.escrowKey());
            s.setString(3, identity.auditKey());
            s.setString(4, identity.operatorCa());
            s.setLong(5, identity.createdAt().toEpochMilli());
            s.executeUpdate();
        }
    }

    /** Records the operator CA of a store that had none; a concurrent recording wins (first one stays). */
    static void recordOperatorCa(Connection c, String fingerprint) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE store_identity SET operator_ca = ? WHERE singleton = 1 AND operator_ca IS NULL")) {
            s.setString(1, fingerprint);
            s.executeUpdate();
        }
    }
}
