package io.imprint.server.admin;

import io.imprint.server.audit.AuditTamperException;
import io.imprint.server.audit.VerifiedAuditLog;

/**
 * What verifying the server's audit store found: the verified trail's summary, or the first bad entry.
 *
 * @param outcome {@code ok} or {@code tampered}
 * @param entries entries verified (0 when tampered)
 * @param lastCheckpointSeq entry the newest checkpoint covers, or null (none yet, or tampered)
 * @param lastCheckpointSignedAt ISO-8601 time of that checkpoint, or null
 * @param tamperedSeq the first bad entry's seq (0 = header), or null when ok
 * @param finding the verifier's one-line finding when tampered, or null
 */
public record AuditVerification(String outcome, long entries, int checkpoints, String headHash,
                                Long lastCheckpointSeq, String lastCheckpointSignedAt, Long tamperedSeq,
                                String finding) {
    public static final String OK = "ok";
    public static final String TAMPERED = "tampered";

    /** The summary of a trail that verified. */
    public static AuditVerification of(VerifiedAuditLog log) {
        return new AuditVerification(OK, log.entryCount(), log.checkpointCount(), log.headHash(),
                log.lastCheckpoint().map(c -> c.seq()).orElse(null),
                log.lastCheckpoint().map(c -> c.signedAt().toString()).orElse(null), null, null);
    }

    /** The finding of a trail that did not verify. */
    public static AuditVerification of(AuditTamperException e) {
        return new AuditVerification(TAMPERED, 0, 0, null, null, null, e.seq(), e.getMessage());
    }

    public boolean verified() {
        return OK.equals(outcome);
    }

    /** One line: {@code OK: N entries, M checkpoints, head <16 hex>, ...} or {@code TAMPERED: <finding>}. */
    public String summary() {
        if (!verified()) {
            return "TAMPERED: " + finding;
        }
        return "OK: " + entries + " entries, " + checkpoints + " checkpoints, head " + headHash.substring(0, 16)
                + (lastCheckpointSeq == null ? ", no checkpoint yet"
                : ", last checkpoint covers entry " + lastCheckpointSeq + " signed at " + lastCheckpointSignedAt);
    }
}
