package io.imprint.server.admin;

import io.imprint.server.audit.AuditCheckpoint;

/** An audit checkpoint as the admin API shows it ({@code signedAt} ISO-8601). */
public record CheckpointView(long seq, String entryHash, String signedAt, String signature) {
    public static CheckpointView of(AuditCheckpoint c) {
        return new CheckpointView(c.seq(), c.entryHash(), c.signedAt().toString(), c.signature());
    }
}
