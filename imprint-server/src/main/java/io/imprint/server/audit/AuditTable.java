package io.imprint.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** JDBC access to the audit tables, in portable SQL (V3__audit.sql). */
final class AuditTable {
    /** The chain head as of the lock: last seq, its hash, and how many checkpoints exist. */
    record Head(long seq, String entryHash, long checkpoints) {
    }

    /**
     * Locks the head row for the rest of the transaction (a no-op update takes PostgreSQL's row
     * lock, so appenders on every node queue here) and reads it.
     */
    Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE audit_head SET seq = seq WHERE id = 1")) {
            if (s.executeUpdate() != 1) {
                throw new SQLException("audit_head row missing");
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT seq, entry_hash, checkpoints FROM audit_head WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            r.next();
            return new Head(r.getLong(1), r.getString(2), r.getLong(3));
        }
    }

    void setHead(Connection c, long seq, String entryHash, long checkpoints) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE audit_head SET seq = ?, entry_hash = ?, checkpoints = ? WHERE id = 1")) {
            s.setLong(1, seq);
            s.setString(2, entryHash);
            s.setLong(3, checkpoints);
            s.executeUpdate();
        }
    }

    void insertEntry(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_entries "
                + "(seq, recorded_at, kind, actor, payload, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, e.seq());
            s.setLong(2, e.recordedAt().toEpochMilli());
            s.setString(3, e.kind());
            s.setString(4, e.actor());
            s.setString(5, e.payload());
            s.setString(6, e.prevHash());
            s.setString(7, e.entryHash());
            s.executeUpdate();
        }
    }

    void insertCheckpoint(Connection c, long id, AuditCheckpoint cp) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_checkpoints (id, seq, entry_hash, signed_at, signature) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setLong(2, cp.seq());
            s.setString(3, cp.entryHash());
            s.setLong(4, cp.signedAt().toEpochMilli());
            s.setString(5, cp.signature());
            s.executeUpdate();
        }
    }

    /** Entries with seq at most {@code upTo}, in seq order. */
    List<AuditEntry> entries(Connection c, long upTo) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT seq, recorded_at, kind, actor, payload, prev_hash, "
                + "entry_hash FROM audit_entries WHERE seq <= ? ORDER BY seq")) {
            s.setLong(1, upTo);
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new AuditEntry(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
                }
            }
        }
        return out;
    }

    /** Checkpoints with id at most {@code upToId}, in id (signing) order. */
    List<AuditCheckpoint> checkpoints(Connection c, long upToId) throws SQLException {
        List<AuditCheckpoint> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT seq, entry_hash, signed_at, signature "
                + "FROM audit_checkpoints WHERE id <= ? ORDER BY id")) {
            s.setLong(1, upToId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new AuditCheckpoint(r.getLong(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)),
                            r.getString(4)));
                }
            }
        }
        return out;
    }
}
