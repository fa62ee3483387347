package io.imprint.server.ratelimit;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.time.Duration;

/** A {@link ProblemCode#RATE_LIMITED} refusal that says when to retry (sent as {@code Retry-After}). */
public final class RateLimited extends ImprintException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public RateLimited(String detail, Duration retryAfter) {
        super(ProblemCode.RATE_LIMITED, detail);
        long millis = Math.max(0, retryAfter.toMillis());
        this.retryAfterSeconds = Math.max(1, (millis + 999) / 1000);
    }

    /** Whole seconds to wait before retrying, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
