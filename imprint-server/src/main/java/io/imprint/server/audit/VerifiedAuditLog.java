package io.imprint.server.audit;

import java.util.List;
import java.util.Optional;

/**
 * An audit trail that passed {@link AuditVerifier}: every hash recomputed, seq continuous from 1,
 * every link and every checkpoint signature checked. Only the verifier constructs one.
 */
public final class VerifiedAuditLog {
    private final List<AuditEntry> entries;
    private final String headHash;
    private final int checkpoints;
    private final AuditCheckpoint lastCheckpoint;

    VerifiedAuditLog(List<AuditEntry> entries, String headHash, int checkpoints, AuditCheckpoint lastCheckpoint) {
        this.entries = List.copyOf(entries);
        this.headHash = headHash;
        this.checkpoints = checkpoints;
        this.lastCheckpoint = lastCheckpoint;
    }

    /** Number of entries (= the head's seq). */
    public long entryCount() {
        return entries.size();
    }

    /** The verified entries in chain order. */
    public List<AuditEntry> entries() {
        return entries;
    }

    /** Hex entry hash of the last entry (64 zeros when empty). */
    public String headHash() {
        return headHash;
    }

    /** Number of checkpoints verified. */
    public int checkpointCount() {
        return checkpoints;
    }

    /** The last checkpoint, if any. */
    public Optional<AuditCheckpoint> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint);
    }

    @Override
    public String toString() {
        return "VerifiedAuditLog[entries=" + entries.size() + ", head=" + headHash + ", checkpoints=" + checkpoints + "]";
    }
}
