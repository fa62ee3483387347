package io.imprint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.testing.Mutations;
import io.imprint.server.ServerConfig;
import io.imprint.server.ratelimit.RateLimits;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every body of the device API over real TLS, fed mutations of valid requests (of the JSON text and
 * of the signed bytes inside it) and random bytes: each answer is 200 or a 4xx problem document
 * with a known code, never a 5xx.
 */
class DeviceApiFuzzTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Path dir;
    static TestServer server;
    static byte[] challenge;
    static AttestationRequest attestation;
    static ReceiptRequest receipt;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("imprint-fuzz");
        server = TestServer.start(ServerConfig.defaults(dir).withPort(0), null,
                new RateLimits(1e6, 1_000_000, 1e6, 1_000_000, 100));
        server.order("fuzz", 1_000, "SN000001..SN001000");
        challenge = JSON.writeValueAsBytes(new ChallengeRequest(TestServer.PRODUCT));
        TestDevice device = server.device();
        TestDevice.Attestation a = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000001");
        attestation = a.request();
        var response = server.client().provisioning(server.client().attest(attestation));
        receipt = device.receipt(response, a.open(response));
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<byte[]> challengeBody() {
        return Arbitraries.oneOf(Mutations.of(challenge), Mutations.randomBytes(300));
    }

    @Provide
    Arbitrary<byte[]> attestationBody() throws Exception {
        byte[] evidence = Base64Field.decode("evidence", attestation.evidence(), 8192);
        return Arbitraries.oneOf(Mutations.of(JSON.writeValueAsBytes(attestation)),
                Mutations.of(evidence).map(e -> json(new AttestationRequest(Base64Field.encode(e),
                        attestation.mpmr(), attestation.signature()))));
    }

    @Provide
    Arbitrary<byte[]> receiptBody() throws Exception {
        byte[] signed = Base64Field.decode("receipt", receipt.receipt(), 512);
        return Arbitraries.oneOf(Mutations.of(JSON.writeValueAsBytes(receipt)),
                Mutations.of(signed).map(r -> json(new ReceiptRequest(Base64Field.encode(r), receipt.mpmr(),
                        receipt.signature()))));
    }

    @Property(tries = 80)
    void challenge_mutatedOrRandomBody_okOrProblem(@ForAll("challengeBody") byte[] body) throws Exception {
        answered(DeviceApi.CHALLENGES, body);
    }

    @Property(tries = 100)
    void attest_mutatedBodyOrEvidence_okOrProblem(@ForAll("attestationBody") byte[] body) throws Exception {
        answered(DeviceApi.ATTESTATIONS, body);
    }

    @Property(tries = 80)
    void receipt_mutatedBodyOrReceipt_okOrProblem(@ForAll("receiptBody") byte[] body) throws Exception {
        answered(DeviceApi.RECEIPTS, body);
    }

    private static void answered(String path, byte[] body) throws Exception {
        Reply reply = server.client().post(path, DeviceApi.JSON, body);
        assertThat(reply.status()).as("answer to %s", new String(body, StandardCharsets.UTF_8)).isLessThan(500);
        if (reply.status() == 200) {
            assertThat(reply.contentType()).startsWith(DeviceApi.JSON);
            return;
        }
        assertThat(reply.status()).isBetween(400, 499);
        Problem problem = server.client().problem(reply);
        assertThat(problem.status()).isEqualTo(reply.status());
        assertThat(Arrays.stream(ProblemCode.values()).map(ProblemCode::slug).toList()).contains(problem.code());
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
