package io.imprint.server.audit;

import java.time.Instant;

/**
 * A signed statement by the audit key: "at {@code signedAt} the chain's entry {@code seq} had hash
 * {@code entryHash}". Untrusted until {@link AuditVerifier} has checked the signature.
 *
 * @param seq the entry it covers (0 = the empty chain)
 * @param entryHash lowercase hex entry hash of entry {@code seq}
 * @param signedAt when it was signed (millisecond precision)
 * @param signature lowercase hex ECDSA P-256 raw r||s over {@link AuditHashes#checkpointBytes}
 */
public record AuditCheckpoint(long seq, String entryHash, Instant signedAt, String signature) {
}
