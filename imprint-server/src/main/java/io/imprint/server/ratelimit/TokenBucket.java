package io.imprint.server.ratelimit;

/**
 * A token bucket on a monotonic nanosecond clock: holds at most {@code capacity} tokens, refills at
 * {@code ratePerSecond}, and each admitted request takes one.
 */
final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updated;

    TokenBucket(double capacity, double ratePerSecond, long now) {
        this.capacity = capacity;
        this.perNano = ratePerSecond / 1e9;
        this.tokens = capacity;
        this.updated = now;
    }

    /** Takes a token: 0 when admitted, else the nanoseconds until one will be available. */
    synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    /** Gives back a token taken by a request that was refused further on. */
    synchronized void refund() {
        tokens = Math.min(capacity, tokens + 1);
    }

    /** Full again: indistinguishable from a new bucket, so it can be forgotten. */
    synchronized boolean idle(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        long elapsed = now - updated;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            updated = now;
        }
    }
}
