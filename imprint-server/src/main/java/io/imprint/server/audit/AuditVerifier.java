package io.imprint.server.audit;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.function.Predicate;

/**
 * Offline verification of an audit trail: a pure function of the trail (and, optionally, the key
 * the auditor trusts). Recomputes every hash in order, checks seq continuity from 1 and every
 * link, then every checkpoint's signature and that it matches the chain at its seq. Returns a
 * {@link VerifiedAuditLog} or throws naming the first bad entry; entries are checked before checkpoints.
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /**
     * Verifies an export: as {@link #verify}, and the last checkpoint must cover the last entry.
     *
     * @param trusted the audit public key the auditor trusts, or null to trust the export's header
     */
    public static VerifiedAuditLog verifyExport(AuditLog log, PublicKey trusted) throws AuditTamperException {
        return verify(log, trusted, true);
    }

    /**
     * Checks that {@code newer} continues the trail an earlier, independently kept export covered:
     * the entry at the earlier export's last checkpoint must still exist with the same hash. This
     * catches a truncation that also removed the checkpoints covering the deleted entries.
     */
    public static void requireExtends(VerifiedAuditLog newer, VerifiedAuditLog earlier) throws AuditTamperException {
        AuditCheckpoint covered = earlier.lastCheckpoint().orElse(null);
        if (covered == null || covered.seq() == 0) {
            return;
        }
        if (covered.seq() > newer.entryCount()) {
            throw new AuditTamperException(newer.entryCount() + 1, AuditFault.TRUNCATED,
                    "an earlier export covered entries up to " + covered.seq() + "; this trail ends at " + newer.entryCount());
        }
        AuditEntry entry = newer.entries().get((int) covered.seq() - 1);
        if (!entry.entryHash().equals(covered.entryHash())) {
            throw new AuditTamperException(covered.seq(), AuditFault.EDITED,
                    "the trail was rewritten up to an entry an earlier export had checkpointed");
        }
    }

    static VerifiedAuditLog verify(AuditLog log, PublicKey trusted, boolean requireFinal) throws AuditTamperException {
        PublicKey key = headerKey(log.keyPem(), trusted);
        List<AuditEntry> entries = log.entries();
        byte[][] hashes = new byte[entries.size() + 1][];
        hashes[0] = AuditHashes.genesis();
        for (int i = 0; i < entries.size(); i++) {
            hashes[i + 1] = checkEntry(entries, i, hashes[i]);
        }
        long count = entries.size();
        AuditCheckpoint last = null;
        int n = 0;
        for (AuditCheckpoint cp : log.checkpoints()) {
            n++;
            checkCheckpoint(cp, n, key, hashes, count);
            last = cp;
        }
        if (requireFinal && (last == null || last.seq() != count)) {
            throw new AuditTamperException(count + 1, AuditFault.TRUNCATED, "the export does not end with a "
                    + "checkpoint covering its last entry " + count + ": it was cut after that entry");
        }
        return new VerifiedAuditLog(entries, Hex.of(hashes[entries.size()]), n, last);
    }

    private static byte[] checkEntry(List<AuditEntry> entries, int i, byte[] prev) throws AuditTamperException {
        long expected = i + 1L;
        AuditEntry e = entries.get(i);
        if (e.seq() != expected) {
            boolean later = anyAfter(entries, i, x -> x.seq() == expected);
            if (later || e.seq() < expected) {
                throw new AuditTamperException(expected, AuditFault.ORDER_CHANGED,
                        "entry " + e.seq() + " stands where entry " + expected + " belongs");
            }
            throw new AuditTamperException(expected, AuditFault.MISSING,
                    "the chain jumps from entry " + (expected - 1) + " to entry " + e.seq());
        }
        byte[] storedPrev = Hex.parse(e.prevHash());
        byte[] stored = Hex.parse(e.entryHash());
        boolean linked = storedPrev != null && MessageDigest.isEqual(storedPrev, prev);
        if (!linked && anyAfter(entries, i, x -> MessageDigest.isEqual(Hex.parse(x.prevHash()), prev))) {
            throw new AuditTamperException(expected, AuditFault.ORDER_CHANGED,
                    "a later row holds the entry that follows entry " + (expected - 1));
        }
        if (storedPrev == null || stored == null || e.recordedAt() == null || e.kind() == null || e.actor() == null
                || e.payload() == null || !MessageDigest.isEqual(stored, AuditHashes.entryHash(e.seq(), storedPrev,
                e.recordedAt().toEpochMilli(), e.kind(), e.actor(), e.payload()))) {
            throw new AuditTamperException(expected, AuditFault.EDITED, "its hash does not match its content");
        }
        if (!linked) {
            long victim = Math.max(1, expected - 1);
            throw new AuditTamperException(victim, AuditFault.EDITED, "entry " + expected
                    + " commits to a different hash: entry " + victim + " was rewritten with a recomputed hash");
        }
        return stored;
    }

    private static void checkCheckpoint(AuditCheckpoint cp, int n, PublicKey key, byte[][] hashes, long count)
            throws AuditTamperException {
        byte[] hash = Hex.parse(cp.entryHash());
        byte[] sig = Hex.parse(cp.signature());
        String which = "checkpoint " + n + " signed at " + cp.signedAt();
        try {
            if (hash == null || sig == null || cp.seq() < 0) {
                throw new GeneralSecurityException("unreadable checkpoint");
            }
            AuditKey.verify(key, AuditHashes.checkpointBytes(cp.seq(), hash, cp.signedAt().toEpochMilli()), sig);
        } catch (GeneralSecurityException | RuntimeException ex) {
            throw new AuditTamperException(Math.max(0, cp.seq()), AuditFault.BAD_CHECKPOINT_SIGNATURE,
                    which + " does not verify with the audit key");
        }
        if (cp.seq() > count) {
            throw new AuditTamperException(count + 1, AuditFault.TRUNCATED, which + " covers entry " + cp.seq()
                    + " but the log ends at entry " + count + ": entries " + (count + 1) + ".." + cp.seq() + " were removed");
        }
        if (!MessageDigest.isEqual(hashes[(int) cp.seq()], hash)) {
            throw new AuditTamperException(cp.seq(), AuditFault.EDITED, which
                    + " signed another hash: the chain was rewritten at or before this entry");
        }
    }

    private static PublicKey headerKey(String pem, PublicKey trusted) throws AuditTamperException {
        PublicKey claimed;
        try {
            claimed = AuditKey.publicKeyFromPem(pem == null ? "" : pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new AuditTamperException(0, AuditFault.WRONG_KEY, "the header's audit key is unreadable");
        }
        if (trusted != null && !MessageDigest.isEqual(trusted.getEncoded(), claimed.getEncoded())) {
            throw new AuditTamperException(0, AuditFault.WRONG_KEY, "the export names another audit key than the trusted one");
        }
        return claimed;
    }

    private static boolean anyAfter(List<AuditEntry> entries, int i, Predicate<AuditEntry> test) {
        for (int j = i + 1; j < entries.size(); j++) {
            if (test.test(entries.get(j))) {
                return true;
            }
        }
        return false;
    }
}
