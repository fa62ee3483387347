package io.imprint.server.audit;

import java.util.List;

/**
 * An audit trail as read from an export or the store, not yet verified.
 *
 * @param keyPem the audit public key (PEM SubjectPublicKeyInfo) the trail claims
 * @param entries entries in the order read
 * @param checkpoints checkpoints in the order read (signing order)
 */
public record AuditLog(String keyPem, List<AuditEntry> entries, List<AuditCheckpoint> checkpoints) {
    public AuditLog {
        entries = List.copyOf(entries);
        checkpoints = List.copyOf(checkpoints);
    }
}
