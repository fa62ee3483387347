package io.imprint.server.attest.method;

import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The verifiers this server runs, one per method; built once in the composition root. */
public final class AttestationVerifiers {
    private final Map<AttestationMethod, AttestationVerifier> byMethod = new EnumMap<>(AttestationMethod.class);

    public AttestationVerifiers(List<? extends AttestationVerifier> verifiers) {
        for (AttestationVerifier v : verifiers) {
            if (byMethod.put(v.method(), v) != null) {
                throw new IllegalArgumentException("two verifiers for method " + v.method());
            }
        }
    }

    /** The verifier of {@code method}; a method this server cannot verify is {@code method-not-accepted}. */
    public AttestationVerifier get(AttestationMethod method) {
        AttestationVerifier v = byMethod.get(method);
        if (v == null) {
            throw new ImprintException(ProblemCode.METHOD_NOT_ACCEPTED,
                    "this server has no verifier for attestation method " + method.slug());
        }
        return v;
    }

    /** The methods this server can verify. */
    public Set<AttestationMethod> methods() {
        return Collections.unmodifiableSet(byMethod.keySet());
    }
}
