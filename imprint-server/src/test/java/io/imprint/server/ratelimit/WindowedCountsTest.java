package io.imprint.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowedCountsTest {
    static final Duration WINDOW = Duration.ofSeconds(60);
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void acquire_sourceAtLimit_refusedWhileOtherSourceCounts() {
        WindowedCounts counts = new WindowedCounts(3, WINDOW, 100, clock);
        for (int i = 0; i < 3; i++) {
            counts.acquire("10.0.0.1", "challenges");
        }

        assertThatThrownBy(() -> counts.acquire("10.0.0.1", "challenges")).isInstanceOfSatisfying(
                RateLimited.class, e -> assertThat(e.retryAfterSeconds()).isBetween(60L, 64L));
        counts.acquire("10.0.0.2", "challenges");
    }

    @Test
    void acquire_afterTheWindowPassed_countedAgainFromZero() {
        WindowedCounts counts = new WindowedCounts(3, WINDOW, 100, clock);
        for (int i = 0; i < 3; i++) {
            counts.acquire("10.0.0.1", "challenges");
            clock.advance(Duration.ofSeconds(10));
        }
        assertThatThrownBy(() -> counts.acquire("10.0.0.1", "challenges")).isInstanceOf(RateLimited.class);

        clock.advance(Duration.ofSeconds(35)); // the first event is 65 s old: past the window and its slot

        counts.acquire("10.0.0.1", "challenges");
        assertThatThrownBy(() -> counts.acquire("10.0.0.1", "challenges")).isInstanceOf(RateLimited.class);
    }

    @Test
    void acquire_manySources_boundedAndForgottenOncePast() {
        WindowedCounts counts = new WindowedCounts(10_000, WINDOW, 20, clock);
        for (int i = 0; i < 5_000; i++) {
            counts.acquire("10.2." + (i / 256) + "." + (i % 256), "challenges");
        }
        assertThat(counts.trackedSources()).isEqualTo(21); // 20 sources and the shared overflow

        clock.advance(WINDOW.multipliedBy(2));
        counts.acquire("10.9.9.9", "challenges");

        assertThat(counts.trackedSources()).isEqualTo(1);
    }
}
