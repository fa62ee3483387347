package io.imprint.server.audit;

import java.security.GeneralSecurityException;

/**
 * The audit trail failed verification: names the first bad entry ({@link #seq()}; 0 for the
 * export's header, or the line number for a malformed export) and the {@link AuditFault}.
 */
public final class AuditTamperException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    private final long seq;
    private final AuditFault fault;

    AuditTamperException(long seq, AuditFault fault, String detail) {
        super(where(seq, fault) + ": " + fault.label() + " (" + detail + ")");
        this.seq = seq;
        this.fault = fault;
    }

    private static String where(long seq, AuditFault fault) {
        if (fault == AuditFault.MALFORMED) {
            return "audit export line " + seq;
        }
        return seq == 0 ? "audit header" : "audit entry " + seq;
    }

    /** The first bad entry's seq (0 = header; the line number when {@link AuditFault#MALFORMED}). */
    public long seq() {
        return seq;
    }

    public AuditFault fault() {
        return fault;
    }
}
