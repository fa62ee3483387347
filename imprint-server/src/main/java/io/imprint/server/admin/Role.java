package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Locale;

/** What an operator may do; carried as the {@code OU} of the operator certificate's subject. */
public enum Role {
    /** Everything: products and policies, orders, re-provisioning, reports, events, audit export and checkpoints. */
    OEM_ADMIN,
    /** Reads its own contract manufacturer's orders, their progress and reconciliations; nothing else. */
    CM_OPERATOR,
    /** Reads everything (reports, events, reconciliations, the audit trail: export and verify); changes nothing. */
    AUDITOR;

    /** The name used in certificates and on the command line, e.g. {@code oem-admin}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The role named {@code slug}; anything else is refused. */
    public static Role of(String slug) {
        for (Role r : values()) {
            if (r.slug().equals(slug)) {
                return r;
            }
        }
        throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                "role must be oem-admin, cm-operator or auditor");
    }
}
