package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.ServerConfig;
import io.imprint.server.store.EventRow;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.MutableClock;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused challenge requests leave events, bounded under a flood (docs/protocol.md, "Problem codes"). */
class ChallengeRefusalsTest {
    @TempDir Path dir;

    @Test
    void challenge_unknownProduct_eventWithProductAndCorrelationId() throws Exception {
        try (TestServer server = TestServer.sqlite(dir)) {
            Reply reply = server.client().postJson(DeviceApi.CHALLENGES, new ChallengeRequest("no-such-product"));

            Problem problem = server.client().problem(reply);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(problem.code()).isEqualTo(ProblemCode.UNKNOWN_PRODUCT.slug());
            assertThat(server.imprint().events().recent(null, 10)).singleElement().satisfies(e -> {
                assertThat(e.outcome()).isEqualTo("unknown-product");
                assertThat(e.product()).isEqualTo("no-such-product");
                assertThat(e.correlationId()).isEqualTo(problem.correlationId());
            });
        }
    }

    @Test
    void challenge_malformed_eventRecorded() throws Exception {
        try (TestServer server = TestServer.sqlite(dir)) {
            Reply badJson = server.client().post(DeviceApi.CHALLENGES, DeviceApi.JSON, "{\"product\":".getBytes());
            Reply badName = server.client().postJson(DeviceApi.CHALLENGES, new ChallengeRequest("bad name!"));
            Reply badType = server.client().post(DeviceApi.CHALLENGES, "text/plain", "{}".getBytes());

            assertThat(List.of(badJson.status(), badName.status(), badType.status())).containsExactly(400, 400, 415);
            assertThat(server.imprint().events().recent(null, 10)).extracting(EventRow::outcome)
                    .containsExactlyInAnyOrder("malformed-request", "malformed-request", "unsupported-media-type");
        }
    }

    @Test
    void challenge_rateLimitedFlood_oneEventPerMinuteCountingTheRest() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        // One unexpired challenge per client, living ten minutes: the second request is over the cap,
        // and a minute later the client is still over it.
        ServerConfig config = ServerConfig.defaults(dir).withPort(0).withClock(clock).withMaxOutstandingChallenges(1)
                .withChallengeTtl(Duration.ofMinutes(10));
        try (TestServer server = TestServer.start(config, null)) {
            server.client().challenge(TestServer.PRODUCT);
            for (int i = 0; i < 20; i++) {
                assertThat(challenge(server).status()).isEqualTo(429);
            }
            assertThat(rateLimited(server)).hasSize(1);

            clock.advance(Duration.ofSeconds(61));
            Reply next = challenge(server);

            assertThat(next.status()).isEqualTo(429);
            List<EventRow> events = rateLimited(server);
            assertThat(events).hasSize(2);
            assertThat(events.get(0).detail()).contains("19 earlier refusals");
            assertThat(events.get(0).correlationId()).isEqualTo(server.client().problem(next).correlationId());
        }
    }

    private static Reply challenge(TestServer server) throws Exception {
        return server.client().postJson(DeviceApi.CHALLENGES, new ChallengeRequest(TestServer.PRODUCT));
    }

    private static List<EventRow> rateLimited(TestServer server) {
        return server.imprint().events().recent(null, 1000).stream()
                .filter(e -> e.outcome().equals(ProblemCode.RATE_LIMITED.slug())).toList();
    }
}
