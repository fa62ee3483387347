package io.imprint.device.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void parse_delaySeconds_thatManySeconds() {
        assertThat(RetryAfter.parse(Optional.of(" 7 "), NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void parse_httpDate_timeUntilThen() {
        assertThat(RetryAfter.parse(Optional.of("Sun, 01 Mar 2026 10:00:30 GMT"), NOW))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void parse_httpDateInThePast_noWait() {
        assertThat(RetryAfter.parse(Optional.of("Sun, 01 Mar 2026 09:00:00 GMT"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void parse_absentNegativeHugeOrGarbage_noAdvice() {
        assertThat(RetryAfter.parse(Optional.empty(), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("-5"), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("9999999999"), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("soon"), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("1".repeat(100_000)), NOW)).isEmpty();
    }
}
