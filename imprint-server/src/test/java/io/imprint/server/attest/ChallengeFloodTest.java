package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.ServerConfig;
import io.imprint.server.ratelimit.RateLimited;
import io.imprint.server.testing.MutableClock;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One client's flood of challenges never locks out another, and the cap ends when its challenges expire. */
class ChallengeFloodTest {
    static final Duration TTL = Duration.ofSeconds(60);
    static final ChallengeRequest REQUEST = new ChallengeRequest(TestServer.PRODUCT);
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    TestServer server;
    Challenges challenges;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.start(ServerConfig.defaults(dir).withPort(0).withClock(clock).withChallengeTtl(TTL)
                .withMaxOutstandingChallenges(50), null);
        challenges = server.imprint().challenges();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void issue_floodFromOneClient_refusedWithRetryAfterWhileOtherClientsGetChallenges() {
        for (int i = 0; i < 50; i++) {
            challenges.issue(REQUEST, new io.imprint.server.events.Attempt(), "203.0.113.7");
        }

        for (int i = 0; i < 200; i++) {
            assertThatThrownBy(() -> challenges.issue(REQUEST, new io.imprint.server.events.Attempt(), "203.0.113.7")).isInstanceOfSatisfying(
                    RateLimited.class, e -> {
                        assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED);
                        assertThat(e.retryAfterSeconds()).isBetween(1L, 64L);
                    });
        }
        assertThat(challenges.issue(REQUEST, new io.imprint.server.events.Attempt(), "198.51.100.1").nonce()).isNotEmpty();
        assertThat(challenges.issue(REQUEST, new io.imprint.server.events.Attempt(), "198.51.100.2").nonce()).isNotEmpty();
    }

    @Test
    void issue_afterTheFloodedChallengesExpired_capNoLongerApplies() {
        for (int i = 0; i < 50; i++) {
            challenges.issue(REQUEST, new io.imprint.server.events.Attempt(), "203.0.113.7");
        }
        assertThatThrownBy(() -> challenges.issue(REQUEST, new io.imprint.server.events.Attempt(), "203.0.113.7")).isInstanceOf(RateLimited.class);

        clock.advance(TTL.plusSeconds(5)); // expired, plus one counting slot (ttl / 16)

        for (int i = 0; i < 50; i++) {
            challenges.issue(REQUEST, new io.imprint.server.events.Attempt(), "203.0.113.7");
        }
    }
}
