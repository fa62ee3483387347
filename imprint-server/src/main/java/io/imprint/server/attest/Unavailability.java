package io.imprint.server.attest;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.store.StoreException;
import io.imprint.server.store.StoreUnavailable;

/** Turns a store that is briefly unavailable into the {@code unavailable} refusal, leaving an event if it can. */
final class Unavailability {
    private Unavailability() {
    }

    /**
     * Records an {@code unavailable} event for {@code attempt} in its own transaction (the failed one
     * was rolled back) and returns the refusal to throw. When the event cannot be written either, the
     * refusal carries that failure as suppressed and the store failure as cause.
     */
    static ImprintException recorded(EventLog events, Attempt attempt, StoreUnavailable failure) {
        ImprintException refusal = new ImprintException(ProblemCode.UNAVAILABLE,
                "the store is briefly unavailable; retry shortly", failure);
        try {
            events.record(ProblemCode.UNAVAILABLE.slug(), attempt, failure.getMessage());
        } catch (StoreException notRecorded) {
            refusal.addSuppressed(notRecorded);
        }
        return refusal;
    }
}
