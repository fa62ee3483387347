package io.imprint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.server.ServerConfig;
import io.imprint.server.ratelimit.RateLimits;
import io.imprint.server.testing.DeviceClient;
import io.imprint.server.testing.TestServer;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device listener's rate limit over real TLS: 127.0.0.1 floods, 127.0.0.2 is another client. */
class DeviceRateLimitTest {
    /** Burst of 20 and one request per 1,000 s per client: no refill within the test. */
    static final RateLimits LIMITS = new RateLimits(0.001, 20, 10_000, 10_000, 100);

    @Test
    void challenge_floodFromOneAddress_429WithRetryAfterWhileAnotherAddressGetsChallenges(@TempDir Path dir)
            throws Exception {
        try (TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0), null, LIMITS)) {
            DeviceClient flooder = server.client();
            for (int i = 0; i < 20; i++) {
                assertThat(flooder.exchange(DeviceApi.CHALLENGES, new ChallengeRequest(TestServer.PRODUCT))
                        .statusCode()).isEqualTo(200);
            }

            HttpResponse<String> refused = flooder.exchange(DeviceApi.CHALLENGES,
                    new ChallengeRequest(TestServer.PRODUCT));
            HttpResponse<String> refusedAttestation = flooder.exchange(DeviceApi.ATTESTATIONS, "{}");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith(DeviceApi.PROBLEM_JSON));
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    v -> assertThat(Long.parseLong(v)).isBetween(1L, 1_000L));
            Problem problem = new ObjectMapper().readValue(refused.body(), Problem.class);
            assertThat(problem.code()).isEqualTo("rate-limited");
            assertThat(problem.status()).isEqualTo(429);
            assertThat(refusedAttestation.statusCode()).isEqualTo(429);
            assertThat(server.imprint().events().countsByOutcome(null, null)).isEmpty();

            DeviceClient other = new DeviceClient("127.0.0.1", server.listener().port(),
                    server.listener().certificatePem(), InetAddress.getByName("127.0.0.2"));
            assertThat(other.challenge(TestServer.PRODUCT).nonce()).isNotEmpty();
        }
    }
}
