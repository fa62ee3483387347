package io.imprint.server.audit;

import io.imprint.protocol.codec.CanonicalWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The exact bytes the audit trail hashes and signs (docs/audit.md): the canonical encoding of
 * {@link CanonicalWriter}, a context string, a zero byte, then fixed-width integers and
 * u16-length-prefixed fields.
 */
public final class AuditHashes {
    /** Domain separation of entry hashes. */
    public static final String ENTRY_CONTEXT = "IMPRINT/AUDIT/v1";
    /** Domain separation of checkpoint signatures. */
    public static final String CHECKPOINT_CONTEXT = "IMPRINT/AUDIT-CHECKPOINT/v1";
    /** Length of an entry hash. */
    public static final int HASH_BYTES = 32;

    private AuditHashes() {
    }

    /** The previous hash of entry 1: 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[HASH_BYTES];
    }

    /** context | u64 seq | prevHash | u64 recordedAt millis | kind | actor | payload. */
    public static byte[] entryBytes(long seq, byte[] prevHash, long recordedAtMillis, String kind, String actor,
                                    String payload) {
        return CanonicalWriter.start(ENTRY_CONTEXT).u64(seq).bytes(prevHash).u64(recordedAtMillis)
                .string(kind).string(actor).string(payload).toByteArray();
    }

    /** SHA-256 of {@link #entryBytes}. */
    public static byte[] entryHash(long seq, byte[] prevHash, long recordedAtMillis, String kind, String actor,
                                   String payload) {
        return sha256(entryBytes(seq, prevHash, recordedAtMillis, kind, actor, payload));
    }

    /** context | u64 seq | entryHash | u64 signedAt millis: what a checkpoint signature covers. */
    public static byte[] checkpointBytes(long seq, byte[] entryHash, long signedAtMillis) {
        return CanonicalWriter.start(CHECKPOINT_CONTEXT).u64(seq).bytes(entryHash).u64(signedAtMillis)
                .toByteArray();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
