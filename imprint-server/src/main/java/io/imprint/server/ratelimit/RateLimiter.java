package io.imprint.server.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets per client key and one for all clients. A client that exhausts its bucket is refused
 * without touching the others' buckets, so one client's flood never delays another client unless
 * the global limit is reached. State is bounded: a client whose bucket has refilled is forgotten
 * (at most once a second, a sweep drops them), and beyond {@link RateLimits#maxClients()} tracked
 * clients, new ones share a single overflow bucket until the sweep makes room.
 */
public final class RateLimiter {
    private static final long SWEEP_NANOS = Duration.ofSeconds(1).toNanos();
    private final RateLimits limits;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> clients = new ConcurrentHashMap<>();
    private final TokenBucket global;
    private final TokenBucket overflow;
    private final AtomicLong nextSweep;

    /** A limiter on {@code nanoTime} (monotonic nanoseconds; {@code System::nanoTime} in production). */
    public RateLimiter(RateLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.global = new TokenBucket(limits.globalBurst(), limits.globalRate(), now);
        this.overflow = new TokenBucket(limits.clientBurst(), limits.clientRate(), now);
        this.nextSweep = new AtomicLong(now + SWEEP_NANOS);
    }

    /**
     * Admits one request of the client at {@code remoteAddress} or refuses it.
     *
     * @throws RateLimited when the client's or the global limit is exhausted, with the wait until a
     *     request would be admitted
     */
    public void admit(String remoteAddress) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        TokenBucket client = bucket(ClientKey.of(remoteAddress), now);
        long wait = client.take(now);
        if (wait > 0) {
            throw new RateLimited("too many requests from this client", Duration.ofNanos(wait));
        }
        wait = global.take(now);
        if (wait > 0) {
            client.refund();
            throw new RateLimited("the server is at its request limit", Duration.ofNanos(wait));
        }
    }

    /** Client keys currently tracked (at most {@link RateLimits#maxClients()} plus concurrent arrivals). */
    public int trackedClients() {
        return clients.size();
    }

    private TokenBucket bucket(String key, long now) {
        TokenBucket bucket = clients.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (clients.size() >= limits.maxClients()) {
            return overflow;
        }
        return clients.computeIfAbsent(key, k -> new TokenBucket(limits.clientBurst(), limits.clientRate(), now));
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_NANOS)) {
            clients.values().removeIf(b -> b.idle(now));
        }
    }
}
