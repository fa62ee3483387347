package io.imprint.server.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code limit} events per source within any {@code window}: counted in memory in
 * {@value #SLOTS} slots per window, so an event stops counting at most one slot ({@code window/16})
 * after it left the window, and counting costs a few array reads, never a query. Sources whose
 * counts are all past are forgotten; beyond {@code maxSources} tracked sources, new ones share one
 * overflow count until a sweep makes room.
 */
public final class WindowedCounts {
    static final int SLOTS = 16;
    private static final String OVERFLOW = "";
    private final long limit;
    private final long slotMillis;
    private final int maxSources;
    private final Clock clock;
    private final Map<String, Ring> sources = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepSlot = new AtomicLong(Long.MIN_VALUE);

    public WindowedCounts(long limit, Duration window, int maxSources, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.slotMillis = Math.max(1, (window.toMillis() + SLOTS - 1) / SLOTS);
        this.maxSources = maxSources;
        this.clock = clock;
    }

    /**
     * Counts one event of {@code source}, or refuses it when the source already has {@code limit}
     * events in the window.
     *
     * @throws RateLimited with the time until the oldest counted event leaves the window
     */
    public void acquire(String source, String what) {
        long nowMillis = clock.millis();
        long slot = Math.floorDiv(nowMillis, slotMillis);
        sweepIfDue(slot);
        Ring ring = sources.get(source);
        if (ring == null) {
            String key = sources.size() >= maxSources ? OVERFLOW : source;
            ring = sources.computeIfAbsent(key, k -> new Ring());
        }
        long oldest = ring.tryAdd(slot, limit);
        if (oldest != Long.MIN_VALUE) {
            long leaves = (oldest + SLOTS + 1) * slotMillis;
            throw new RateLimited("too many " + what + " outstanding for this client",
                    Duration.ofMillis(leaves - nowMillis));
        }
    }

    /** Sources currently tracked. */
    public int trackedSources() {
        return sources.size();
    }

    private void sweepIfDue(long slot) {
        long due = nextSweepSlot.get();
        if (slot >= due && nextSweepSlot.compareAndSet(due, slot + 1)) {
            sources.values().removeIf(r -> r.empty(slot));
        }
    }

    /** Counts of the last {@code SLOTS + 1} slots (the current one included). */
    private static final class Ring {
        private final long[] slots = new long[SLOTS + 1];
        private final long[] counts = new long[SLOTS + 1];

        Ring() {
            Arrays.fill(slots, Long.MIN_VALUE);
        }

        /** Adds one event in {@code slot}; when full, returns the oldest counted slot instead. */
        synchronized long tryAdd(long slot, long limit) {
            long total = 0;
            long oldest = Long.MAX_VALUE;
            for (int i = 0; i < slots.length; i++) {
                if (live(slots[i], slot) && counts[i] > 0) {
                    total += counts[i];
                    oldest = Math.min(oldest, slots[i]);
                }
            }
            if (total >= limit) {
                return oldest;
            }
            int i = (int) Math.floorMod(slot, (long) slots.length);
            if (slots[i] != slot) {
                slots[i] = slot;
                counts[i] = 0;
            }
            counts[i]++;
            return Long.MIN_VALUE;
        }

        synchronized boolean empty(long slot) {
            for (int i = 0; i < slots.length; i++) {
                if (live(slots[i], slot) && counts[i] > 0) {
                    return false;
                }
            }
            return true;
        }

        private static boolean live(long stamped, long now) {
            return stamped != Long.MIN_VALUE && stamped > now - (SLOTS + 1) && stamped <= now;
        }
    }
}
