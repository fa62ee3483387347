package io.imprint.protocol.problem;

/** How a refusal is classified for alerting; {@link #NONE} for plain client errors. */
public enum AlertClass {
    NONE, COUNTERFEIT, REPLAY, CLONE, OVERPRODUCTION, OUT_OF_RANGE, POLICY, ORDER_INACTIVE
}
