package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Locale;

/** What an operator may do; carried as the {@code OU} of the operator certificate's subject. */
public enum Role {
    /** Everything: products, orders, reports, events. */
    OEM_ADMIN,
    /** Reads the progress of its own contract manufacturer's orders, nothing else. */
    CM_OPERATOR,
    /** Reads reports and events; changes nothing. */
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
