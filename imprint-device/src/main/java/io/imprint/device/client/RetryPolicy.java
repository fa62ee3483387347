package io.imprint.device.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded retries with full-jitter exponential backoff: before retry {@code k} (1-based) the client
 * waits a uniform random time in {@code [0, min(maxDelay, baseDelay * 2^(k-1))]}. A server's
 * Retry-After is honoured but never beyond {@code maxDelay}.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param baseDelay backoff base
 * @param maxDelay cap on any single wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1-100");
        }
        if (baseDelay.isNegative() || maxDelay.isNegative() || baseDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("delays must be 0 <= baseDelay <= maxDelay");
        }
    }

    /** 5 attempts, 200 ms base, 10 s cap. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** A single attempt. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before retry {@code retry} (1-based). */
    public Duration backoff(int retry, RandomGenerator random) {
        long cap = maxDelay.toMillis();
        long exp = baseDelay.toMillis() << Math.min(retry - 1, 30);
        long bound = Math.min(cap, exp < 0 ? cap : exp);
        return Duration.ofMillis(bound <= 0 ? 0 : random.nextLong(bound + 1));
    }

    /** The wait a server asked for, capped at {@code maxDelay}. */
    public Duration retryAfter(long seconds) {
        Duration asked = Duration.ofSeconds(Math.max(0, Math.min(seconds, 86_400)));
        return asked.compareTo(maxDelay) > 0 ? maxDelay : asked;
    }
}
