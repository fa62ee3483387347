package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.ServerConfig;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.MutableClock;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChallengeExpiryTest {
    @Test
    void attest_expiredChallenge_nonceExpiredAndNothingChanged(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        ServerConfig config = ServerConfig.defaults(dir).withPort(0).withClock(clock)
                .withChallengeTtl(Duration.ofSeconds(30));
        try (TestServer server = TestServer.start(config, null)) {
            server.order("o1", 10, "SN000001..SN000010");
            TestDevice device = server.device();
            var challenge = server.client().challenge(TestServer.PRODUCT);
            clock.advance(Duration.ofSeconds(31));

            Reply reply = server.client().attest(device.attest(challenge, "SN000001").request());

            assertThat(reply.status()).isEqualTo(ProblemCode.NONCE_EXPIRED.httpStatus());
            assertThat(server.client().problem(reply).code()).isEqualTo("nonce-expired");
            assertThat(server.imprint().events().unitsByState(null, null)).isEmpty();
            assertThat(server.imprint().orders().get("o1").used()).isZero();
            assertThat(server.imprint().events().countsByOutcome(null, null)).isEqualTo(Map.of("nonce-expired", 1L));
        }
    }
}
