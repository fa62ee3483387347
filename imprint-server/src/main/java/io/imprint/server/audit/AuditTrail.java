package io.imprint.server.audit;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The append-only, hash-chained audit trail in the store. Appends are serialized by a lock on the
 * chain head (across nodes on one PostgreSQL), every {@code checkpointInterval}-th entry is
 * checkpointed in the same transaction, and exports end with a checkpoint made at export time.
 * Guarantees tamper evidence, not tamper prevention: see docs/audit.md for what a database writer
 * can still do between checkpoints.
 */
public final class AuditTrail {
    /** Default number of entries between periodic checkpoints. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 1000;
    /** Kind of an entry that records a provisioning event. */
    public static final String EVENT = "event";
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_ACTOR = 128;
    private static final HexFormat HEX = HexFormat.of();

    private final Database db;
    private final AuditKey key;
    private final Clock clock;
    private final int checkpointInterval;
    private final AuditTable table = new AuditTable();

    public AuditTrail(Database db, AuditKey key, Clock clock, int checkpointInterval) {
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1");
        }
        this.db = db;
        this.key = key;
        this.clock = clock;
        this.checkpointInterval = checkpointInterval;
    }

    /**
     * Appends an entry inside the caller's transaction on {@code c} (it commits or rolls back with
     * the caller's work). Holds the chain-head lock until that transaction ends.
     */
    public AuditEntry append(Connection c, String kind, String actor, Map<String, String> payload) throws SQLException {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "audit kind must match " + KIND.pattern());
        }
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "audit actor must be 1.." + MAX_ACTOR + " chars");
        }
        String json = AuditPayload.of(payload);
        AuditTable.Head head = table.lockHead(c);
        long seq = head.seq() + 1;
        Instant now = Instant.ofEpochMilli(clock.millis());
        byte[] hash = AuditHashes.entryHash(seq, HEX.parseHex(head.entryHash()), now.toEpochMilli(), kind, actor, json);
        AuditEntry entry = new AuditEntry(seq, now, kind, actor, json, head.entryHash(), HEX.formatHex(hash));
        table.insertEntry(c, entry);
        long checkpoints = head.checkpoints();
        if (seq % checkpointInterval == 0) {
            table.insertCheckpoint(c, ++checkpoints, sign(seq, entry.entryHash(), now));
        }
        table.setHead(c, seq, entry.entryHash(), checkpoints);
        return entry;
    }

    /** Appends an entry in its own transaction. */
    public AuditEntry append(String kind, String actor, Map<String, String> payload) {
        return db.transaction(c -> append(c, kind, actor, payload));
    }

    /** Signs and stores a checkpoint covering the current head (seq 0 for an empty trail). */
    public AuditCheckpoint checkpoint() {
        return signHead(AuditContext.SYSTEM).checkpoint();
    }

    /**
     * Signs a checkpoint covering the current head and, in the same transaction, lets {@code context}
     * record it (its entry follows the entry the checkpoint covers).
     */
    public AuditCheckpoint checkpoint(AuditContext context) {
        return signHead(context).checkpoint();
    }

    private Signed signHead(AuditContext context) {
        return db.transaction(c -> {
            AuditTable.Head head = table.lockHead(c);
            AuditCheckpoint cp = sign(head.seq(), head.entryHash(), Instant.ofEpochMilli(clock.millis()));
            table.insertCheckpoint(c, head.checkpoints() + 1, cp);
            table.setHead(c, head.seq(), head.entryHash(), head.checkpoints() + 1);
            context.committing(c);
            return new Signed(head.checkpoints() + 1, cp);
        });
    }

    /**
     * Writes a self-contained export (docs/audit.md): header with the audit public key, every entry,
     * every checkpoint, the last one made now and covering the last entry. Returns what was written.
     */
    public AuditLog export(Writer out) {
        Signed last = signHead(AuditContext.SYSTEM);
        // Entries up to the new checkpoint never change, so they are read without holding the head lock.
        AuditLog log = db.transaction(c -> new AuditLog(key.publicKeyPem(),
                table.entries(c, last.checkpoint().seq()), table.checkpoints(c, last.id())));
        try {
            AuditExportFile.write(out, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit export", e);
        }
        return log;
    }

    /**
     * Verifies the trail directly in the store with this server's audit key. Entries after the last
     * checkpoint are chained but not yet signed; a checkpoint is not required to cover the head.
     */
    public VerifiedAuditLog verifyStore() throws AuditTamperException {
        AuditLog log = db.transaction(c -> new AuditLog(key.publicKeyPem(), table.entries(c, Long.MAX_VALUE),
                table.checkpoints(c, Long.MAX_VALUE)));
        return AuditVerifier.verify(log, key.publicKey(), false);
    }

    /** PEM of the audit public key an auditor should trust. */
    public String publicKeyPem() {
        return key.publicKeyPem();
    }

    private AuditCheckpoint sign(long seq, String entryHash, Instant at) {
        try {
            byte[] sig = key.sign(AuditHashes.checkpointBytes(seq, HEX.parseHex(entryHash), at.toEpochMilli()));
            return new AuditCheckpoint(seq, entryHash, at, HEX.formatHex(sig));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit key cannot sign", e);
        }
    }

    /** A stored checkpoint and its id (signing order). */
    private record Signed(long id, AuditCheckpoint checkpoint) {
    }
}
