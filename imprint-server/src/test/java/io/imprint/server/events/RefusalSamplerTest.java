package io.imprint.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefusalSamplerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final RefusalSampler sampler = new RefusalSampler(clock, 3, 1);

    @Test
    void admit_underLimit_recordsEach() {
        for (int i = 0; i < 3; i++) {
            assertThat(sampler.admit(ProblemCode.MALFORMED_REQUEST)).isEqualTo(new RefusalSampler.Decision(true, 0));
        }
    }

    @Test
    void admit_overLimit_countsThenReportsInNextWindow() {
        for (int i = 0; i < 3; i++) {
            sampler.admit(ProblemCode.UNKNOWN_PRODUCT);
        }
        for (int i = 0; i < 7; i++) {
            assertThat(sampler.admit(ProblemCode.UNKNOWN_PRODUCT).record()).isFalse();
        }
        clock.advance(RefusalSampler.WINDOW);

        assertThat(sampler.admit(ProblemCode.UNKNOWN_PRODUCT)).isEqualTo(new RefusalSampler.Decision(true, 7));
        assertThat(sampler.admit(ProblemCode.UNKNOWN_PRODUCT)).isEqualTo(new RefusalSampler.Decision(true, 0));
    }

    @Test
    void admit_rateLimited_ownSmallerLimit() {
        assertThat(sampler.admit(ProblemCode.RATE_LIMITED).record()).isTrue();
        assertThat(sampler.admit(ProblemCode.RATE_LIMITED).record()).isFalse();
        assertThat(sampler.admit(ProblemCode.MALFORMED_REQUEST).record()).as("codes counted apart").isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(sampler.admit(ProblemCode.RATE_LIMITED).record()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sampler.admit(ProblemCode.RATE_LIMITED)).isEqualTo(new RefusalSampler.Decision(true, 2));
    }
}
