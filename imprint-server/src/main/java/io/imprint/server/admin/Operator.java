package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;

/**
 * An authenticated operator, built from a verified client certificate.
 *
 * @param name the certificate's {@code CN}
 * @param cm the contract manufacturer a {@link Role#CM_OPERATOR} acts for (its {@code O}); null otherwise
 */
public record Operator(String name, Role role, String cm) {
    /** Name prefix of the operator of a local data directory ({@code local:<os user>}); never in a certificate. */
    public static final String LOCAL_PREFIX = "local:";

    public Operator {
        if (name == null || name.isBlank() || role == null) {
            throw new IllegalArgumentException("an operator needs a name and a role");
        }
        if (role == Role.CM_OPERATOR && (cm == null || cm.isBlank())) {
            throw new IllegalArgumentException("a cm-operator needs its contract manufacturer");
        }
    }

    /** Throws {@link ProblemCode#FORBIDDEN} unless this operator has one of {@code allowed}. */
    public void require(Role... allowed) {
        for (Role r : allowed) {
            if (r == role) {
                return;
            }
        }
        throw new ImprintException(ProblemCode.FORBIDDEN, "role " + role.slug() + " may not do this");
    }

    /** The local oem-admin acting on a data directory as OS user {@code user}. */
    public static Operator local(String user) {
        return new Operator(LOCAL_PREFIX + user, Role.OEM_ADMIN, null);
    }

    /** True for the local operator of a data directory (named {@code local:<user>}, not by a certificate). */
    public boolean local() {
        return name.startsWith(LOCAL_PREFIX);
    }

    /** True when this operator may see orders of contract manufacturer {@code other}. */
    public boolean sees(String other) {
        return role != Role.CM_OPERATOR || cm.equals(other);
    }
}
