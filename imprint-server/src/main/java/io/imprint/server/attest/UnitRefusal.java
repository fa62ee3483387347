package io.imprint.server.attest;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;

/** A refusal decided while issuing a unit, carrying the order it concerned (if any) for the event log. */
final class UnitRefusal extends ImprintException {
    private static final long serialVersionUID = 1L;
    private final String orderId;

    UnitRefusal(ProblemCode code, String detail, String orderId) {
        super(code, detail);
        this.orderId = orderId;
    }

    String orderId() {
        return orderId;
    }
}
