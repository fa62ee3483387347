package io.imprint.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ProblemCode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    RateLimiter limiter(RateLimits limits) {
        return new RateLimiter(limits, nanos::get);
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void admit_floodFromOneAddress_refusedWithRetryAfterWhileAnotherAddressIsAdmitted() {
        RateLimiter limiter = limiter(new RateLimits(10, 20, 1_000, 1_000, 100));
        int admitted = 0;
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            try {
                limiter.admit("203.0.113.7");
                admitted++;
            } catch (RateLimited e) {
                refused++;
                assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED);
                assertThat(e.retryAfterSeconds()).isEqualTo(1);
            }
        }

        assertThat(admitted).isEqualTo(20);
        assertThat(refused).isEqualTo(99_980);
        for (int i = 0; i < 20; i++) {
            limiter.admit("198.51.100.1");
        }
    }

    @Test
    void admit_afterRefill_admittedAgain() {
        RateLimiter limiter = limiter(new RateLimits(2, 2, 1_000, 1_000, 100));
        limiter.admit("10.0.0.1");
        limiter.admit("10.0.0.1");
        assertThatThrownBy(() -> limiter.admit("10.0.0.1")).isInstanceOf(RateLimited.class);

        advance(Duration.ofMillis(500));

        limiter.admit("10.0.0.1");
        assertThatThrownBy(() -> limiter.admit("10.0.0.1")).isInstanceOf(RateLimited.class);
    }

    @Test
    void admit_slowRate_retryAfterIsTheWaitForOneToken() {
        RateLimiter limiter = limiter(new RateLimits(0.1, 1, 1_000, 1_000, 100));
        limiter.admit("10.0.0.1");

        assertThatThrownBy(() -> limiter.admit("10.0.0.1")).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(10));
    }

    @Test
    void admit_globalLimitReached_refusedButClientTokenGivenBack() {
        RateLimiter limiter = limiter(new RateLimits(100, 2, 100, 3, 100));
        limiter.admit("10.0.0.1");
        limiter.admit("10.0.0.2");
        limiter.admit("10.0.0.3");

        assertThatThrownBy(() -> limiter.admit("10.0.0.4")).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.detail()).contains("server"));
        advance(Duration.ofMillis(10)); // one global token back

        limiter.admit("10.0.0.4");
        advance(Duration.ofMillis(10));
        limiter.admit("10.0.0.4"); // its burst of 2 was not spent by the refused request
    }

    @Test
    void admit_manyDistinctAddresses_trackedStateBoundedAndIdleOnesForgotten() {
        RateLimiter limiter = limiter(new RateLimits(1, 5, 1e6, 1_000_000, 50));
        for (int i = 0; i < 10_000; i++) {
            try {
                limiter.admit("10.1." + (i / 256) + "." + (i % 256));
            } catch (RateLimited e) {
                // the shared overflow bucket runs dry: these addresses are limited together
            }
        }
        assertThat(limiter.trackedClients()).isEqualTo(50);

        advance(Duration.ofSeconds(10)); // every bucket full again
        limiter.admit("10.9.9.9");

        assertThat(limiter.trackedClients()).isEqualTo(1);
    }

    @Test
    void admit_ipv6AddressesOfOnePrefix_shareOneBucket() {
        RateLimiter limiter = limiter(new RateLimits(1, 2, 1_000, 1_000, 100));
        limiter.admit("2001:db8:1:2::1");
        limiter.admit("2001:db8:1:2:ffff::9");

        assertThatThrownBy(() -> limiter.admit("2001:db8:1:2::77")).isInstanceOf(RateLimited.class);
        limiter.admit("2001:db8:1:3::1");
    }
}
