package io.imprint.server.audit;

/** Why an audit trail failed verification. */
public enum AuditFault {
    /** An entry's content no longer matches its hash, or an entry was rewritten with a recomputed hash. */
    EDITED("edited entry"),
    /** An entry is absent from the middle of the chain. */
    MISSING("missing entry"),
    /** Entries are present but not in chain order. */
    ORDER_CHANGED("order changed"),
    /** Newest entries are gone: a signed checkpoint covers beyond the end, or the export lost its final checkpoint. */
    TRUNCATED("truncated"),
    /** A checkpoint's signature does not verify with the audit key. */
    BAD_CHECKPOINT_SIGNATURE("bad checkpoint signature"),
    /** The export names another audit key than the one the auditor trusts. */
    WRONG_KEY("wrong key"),
    /** The export is not a well-formed audit export. */
    MALFORMED("malformed export");

    private final String label;

    AuditFault(String label) {
        this.label = label;
    }

    /** Human label, e.g. {@code edited entry}. */
    public String label() {
        return label;
    }
}
