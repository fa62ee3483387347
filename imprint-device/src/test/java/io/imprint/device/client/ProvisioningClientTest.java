package io.imprint.device.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.client.TestTlsServer.Reply;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningClientTest {
    static final String CHALLENGE = "{\"sessionId\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"nonce\":\"n\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}";
    static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));
    static TestTlsServer server;
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = new TestTlsServer("127.0.0.1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.seen().clear();
    }

    ProvisioningClient client(RetryPolicy retry) throws Exception {
        return new ProvisioningClient(server.uri(), ServerTrust.pinned(server.fingerprint()), retry,
                Duration.ofSeconds(5), waits::add);
    }

    @Test
    void challenge_rightPin_returnsParsedResponse() throws Exception {
        server.script(s -> Reply.json(201, CHALLENGE));
        try (ProvisioningClient c = client(FAST)) {
            ChallengeResponse r = c.challenge("gateway");
            assertThat(r.sessionId()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA==");
            assertThat(server.seen()).singleElement().satisfies(s -> {
                assertThat(s.path()).isEqualTo("/v1/challenges");
                assertThat(s.body()).isEqualTo("{\"product\":\"gateway\"}");
            });
        }
    }

    @Test
    void challenge_wrongPin_refusesHandshake() throws Exception {
        server.script(s -> Reply.json(201, CHALLENGE));
        String wrong = "00".repeat(32);
        try (ProvisioningClient c = new ProvisioningClient(server.uri(), ServerTrust.pinned(wrong), FAST,
                Duration.ofSeconds(5), waits::add)) {
            assertThatThrownBy(() -> c.challenge("gateway")).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("pinned");
        }
        assertThat(server.seen()).isEmpty();
        assertThat(waits).isEmpty();
    }

    @Test
    void challenge_caFileWithMatchingHost_accepted(@TempDir Path dir) throws Exception {
        server.script(s -> Reply.json(201, CHALLENGE));
        try (ProvisioningClient c = new ProvisioningClient(server.uri(), ServerTrust.caFile(server.writePem(dir)),
                RetryPolicy.none())) {
            assertThat(c.challenge("gateway").nonce()).isEqualTo("n");
        }
    }

    @Test
    void challenge_caFileWithWrongHostname_refused(@TempDir Path dir) throws Exception {
        try (TestTlsServer other = new TestTlsServer("imprint.example");
             ProvisioningClient c = new ProvisioningClient(other.uri(), ServerTrust.caFile(other.writePem(dir)),
                     RetryPolicy.none())) {
            assertThatThrownBy(() -> c.challenge("gateway")).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void challenge_503ThenOk_retriesAndSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.script(s -> calls.incrementAndGet() < 3 ? Reply.problem(503, "internal", "busy") : Reply.json(201, CHALLENGE));
        try (ProvisioningClient c = client(FAST)) {
            assertThat(c.challenge("gateway").nonce()).isEqualTo("n");
        }
        assertThat(calls).hasValue(3);
        assertThat(waits).hasSize(2).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMillis(5)));
    }

    @Test
    void challenge_429WithRetryAfter_honoursItCappedAtMaxDelay() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.script(s -> calls.incrementAndGet() == 1 ? new Reply(429, "application/json", "{}", "1")
                : calls.get() == 2 ? new Reply(429, "application/json", "{}", "60") : Reply.json(201, CHALLENGE));
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(2));
        try (ProvisioningClient c = client(policy)) {
            c.challenge("gateway");
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void challenge_429WithRetryAfterDate_waitsUntilThenCappedAtMaxDelay() throws Exception {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        AtomicInteger calls = new AtomicInteger();
        server.script(s -> calls.incrementAndGet() == 1 ? new Reply(429, "application/problem+json",
                "{\"code\":\"rate-limited\"}", inAnHour) : Reply.json(201, CHALLENGE));
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(2));
        try (ProvisioningClient c = client(policy)) {
            c.challenge("gateway");
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void challenge_503Forever_givesUpWithProblemCode() throws Exception {
        server.script(s -> Reply.problem(503, "rate-limited", "slow down"));
        try (ProvisioningClient c = client(FAST)) {
            assertThatThrownBy(() -> c.challenge("gateway")).isInstanceOfSatisfying(ImprintException.class,
                    e -> assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED));
        }
        assertThat(server.seen()).hasSize(4);
    }

    @Test
    void attest_503WithRetryAfter_notResentThrowsAfterWaiting() throws Exception {
        Reply problem = Reply.problem(503, "unavailable", "the store is briefly unavailable");
        server.script(s -> new Reply(503, problem.contentType(), problem.body(), "1"));
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofSeconds(2));
        try (ProvisioningClient c = client(policy)) {
            assertThatThrownBy(() -> c.attest(new AttestationRequest("ZQ==", "AA==", "AA==")))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("fresh challenge");
        }
        assertThat(server.seen()).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void confirm_503WithRetryAfter_resentAfterTheWait() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Reply problem = Reply.problem(503, "unavailable", "the store is briefly unavailable");
        server.script(s -> calls.incrementAndGet() == 1 ? new Reply(503, problem.contentType(), problem.body(), "2")
                : Reply.json(200, "{\"sessionId\":\"x\",\"serial\":\"SN1\",\"state\":\"provisioned\"}"));
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5));
        try (ProvisioningClient c = client(policy)) {
            assertThat(c.confirm(new ReceiptRequest("ZQ==", "AA==", "AA==")).state()).isEqualTo("provisioned");
        }
        assertThat(server.seen()).hasSize(2).extracting(TestTlsServer.Seen::body).containsOnly(
                server.seen().get(0).body());
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void challenge_503WithoutProblemDocument_givesUpAsUnavailable() throws Exception {
        server.script(s -> new Reply(503, "text/plain", "down", null));
        try (ProvisioningClient c = client(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)))) {
            assertThatThrownBy(() -> c.challenge("gateway")).isInstanceOfSatisfying(ImprintException.class,
                    e -> assertThat(e.code()).isEqualTo(ProblemCode.UNAVAILABLE));
        }
    }

    @Test
    void attest_403Problem_throwsCodeWithoutRetry() throws Exception {
        server.script(s -> Reply.problem(403, "bad-signature", "MP signature does not verify"));
        try (ProvisioningClient c = client(FAST)) {
            assertThatThrownBy(() -> c.attest(new AttestationRequest("ZQ==", "AA==", "AA==")))
                    .isInstanceOfSatisfying(ImprintException.class, e -> {
                        assertThat(e.code()).isEqualTo(ProblemCode.BAD_SIGNATURE);
                        assertThat(e.detail()).isEqualTo("MP signature does not verify");
                    });
        }
        assertThat(server.seen()).singleElement().satisfies(s -> assertThat(s.path()).isEqualTo("/v1/attestations"));
        assertThat(waits).isEmpty();
    }

    @Test
    void attest_refusalWithCorrelationId_messageShowsIt() throws Exception {
        server.script(s -> Reply.problem(409, "nonce-used", "Challenge already used"));
        try (ProvisioningClient c = client(FAST)) {
            assertThatThrownBy(() -> c.attest(new AttestationRequest("ZQ==", "AA==", "AA==")))
                    .isInstanceOfSatisfying(ImprintException.class, e -> {
                        assertThat(e.correlationId()).isEqualTo("c-1");
                        assertThat(e.detail()).isEqualTo("Challenge already used");
                        assertThat(e.getMessage()).isEqualTo("Challenge already used (correlation id c-1)");
                    });
        }
    }

    @Test
    void attest_409NonceUsed_mapsSlug() throws Exception {
        server.script(s -> Reply.problem(409, "nonce-used", "Challenge already used"));
        try (ProvisioningClient c = client(FAST)) {
            assertThatThrownBy(() -> c.attest(new AttestationRequest("ZQ==", "AA==", "AA==")))
                    .isInstanceOfSatisfying(ImprintException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.NONCE_USED));
        }
    }

    @Test
    void challenge_oversizeResponse_refused() throws Exception {
        String huge = "{\"sessionId\":\"" + "A".repeat(ProvisioningClient.MAX_RESPONSE_BYTES) + "\"}";
        server.script(s -> Reply.json(201, huge));
        try (ProvisioningClient c = client(FAST)) {
            assertThatThrownBy(() -> c.challenge("gateway")).isInstanceOf(ImprintException.class)
                    .hasMessageContaining("larger than");
        }
        assertThat(server.seen()).hasSize(1);
    }

    @Test
    void challenge_connectionRefused_retriesThenThrows() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ProvisioningClient c = new ProvisioningClient(URI.create("https://127.0.0.1:" + port),
                ServerTrust.pinned("00".repeat(32)), FAST, Duration.ofSeconds(2), waits::add)) {
            assertThatThrownBy(() -> c.challenge("gateway")).isInstanceOf(java.io.IOException.class);
        }
        assertThat(waits).hasSize(3);
    }

    @Test
    void constructor_plainHttp_refused() {
        assertThatThrownBy(() -> new ProvisioningClient(URI.create("http://127.0.0.1:1"), ServerTrust.pinned("00".repeat(32)),
                FAST)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void pinned_badFingerprint_refused() {
        assertThatThrownBy(() -> ServerTrust.pinned("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
