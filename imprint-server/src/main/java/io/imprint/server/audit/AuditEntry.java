package io.imprint.server.audit;

import java.time.Instant;

/**
 * One audit entry as stored or exported. Nothing here is trusted until {@link AuditVerifier} has
 * recomputed it: hashes are lowercase hex and may be anything when read from a tampered store.
 *
 * @param seq position in the chain, from 1, without gaps
 * @param recordedAt when it was appended (millisecond precision)
 * @param kind what it records: {@code event}, {@code admin}, {@code reconciliation}, ...
 * @param actor who caused it: {@code device}, an operator name, ...
 * @param payload canonical JSON object of string fields ({@link AuditPayload})
 * @param prevHash entry hash of entry {@code seq - 1} (64 zeros for the first)
 * @param entryHash SHA-256 over the canonical bytes of all the above ({@link AuditHashes#entryHash})
 */
public record AuditEntry(long seq, Instant recordedAt, String kind, String actor, String payload, String prevHash,
                         String entryHash) {
}
