package io.imprint.server.events;

import io.imprint.protocol.problem.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Bounds the events written for refusals anyone can cause in bulk without a chip (challenge requests):
 * per problem code and server node, the first {@code limit} refusals of each minute are recorded one
 * by one; the rest are only counted, and the next recorded event of that code carries the count of
 * those left out before it. {@link ProblemCode#RATE_LIMITED} has its own, smaller limit: it is the
 * answer to a flood. Thread-safe.
 */
public final class RefusalSampler {
    /** Length of one counting window. */
    public static final Duration WINDOW = Duration.ofMinutes(1);

    /**
     * Whether to record this refusal.
     *
     * @param omitted refusals of the same code left out since the previous recorded one
     */
    public record Decision(boolean record, long omitted) {
    }

    private final Clock clock;
    private final int limit;
    private final int rateLimitedLimit;
    private final Map<ProblemCode, Window> windows = new EnumMap<>(ProblemCode.class);

    public RefusalSampler(Clock clock, int limit, int rateLimitedLimit) {
        if (limit < 1 || rateLimitedLimit < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.clock = clock;
        this.limit = limit;
        this.rateLimitedLimit = rateLimitedLimit;
    }

    /** Counts one refusal of {@code code} and says whether it gets its own event. */
    public synchronized Decision admit(ProblemCode code) {
        long now = clock.millis();
        Window w = windows.computeIfAbsent(code, c -> new Window(now));
        if (now - w.start >= WINDOW.toMillis() || now < w.start) {
            w.start = now;
            w.recorded = 0;
        }
        if (w.recorded < (code == ProblemCode.RATE_LIMITED ? rateLimitedLimit : limit)) {
            w.recorded++;
            long omitted = w.omitted;
            w.omitted = 0;
            return new Decision(true, omitted);
        }
        w.omitted++;
        return new Decision(false, 0);
    }

    private static final class Window {
        long start;
        int recorded;
        long omitted;

        Window(long start) {
            this.start = start;
        }
    }
}
