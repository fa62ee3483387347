package io.imprint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.ServerConfig;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.MutableClock;
import io.imprint.server.testing.RawTls;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Problem codes" table of docs/protocol.md against the server: every {@link ProblemCode} is listed;
 * each documented (code, status) row is what a real request that provokes it gets over TLS, or, for the
 * codes only the admin API, the offline path or an internal fault can give, the enum's status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemCodesDocumentedTest {
    private static final Path DOC = Path.of("../docs/protocol.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z-]+)`\\s*\\|\\s*(\\d{3})\\s*\\|.*\\|\\s*$");
    /** Reachable only through the admin API, the offline path (CLI, device agent) or an internal fault. */
    private static final Set<ProblemCode> NOT_PROVOKED = EnumSet.of(ProblemCode.CONFLICT, ProblemCode.UNAUTHORIZED,
            ProblemCode.FORBIDDEN, ProblemCode.BAD_BUNDLE, ProblemCode.BAD_RECEIPT, ProblemCode.INTERNAL,
            // provoked over TLS with a held store lock and an interleaving of two attempts in AttemptFaultsContract
            ProblemCode.UNAVAILABLE, ProblemCode.SUPERSEDED,
            // needs a device of a method with certificates: provoked in the backend contract suite (imprint-cli)
            ProblemCode.UNTRUSTED_DEVICE);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One documented row. */
    record Row(String code, int status) {
    }

    /** What came back: status, content type and body. */
    record Answer(int status, String contentType, String body) {
        static Answer of(Reply r) {
            return new Answer(r.status(), r.contentType(), r.body());
        }

        static Answer of(RawTls.Response r) {
            return new Answer(r.status(), r.contentType(), r.body());
        }
    }

    interface Provocation {
        Answer send() throws Exception;
    }

    Path dir;
    MutableClock clock;
    TestServer server;
    RawTls raw;
    final AtomicInteger serials = new AtomicInteger(1);
    final Map<Row, Provocation> provocations = new LinkedHashMap<>();

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        clock = new MutableClock(Instant.now());
        server = TestServer.start(ServerConfig.defaults(dir.resolve("main")).withPort(0).withClock(clock), null);
        server.order("batch-1", 1000, "SN000001..SN001000");
        server.order("small", 1, "SN100000..SN100009");
        server.order("paused", 10, "SN200000..SN200009");
        server.imprint().orders().suspend("paused");
        raw = new RawTls("127.0.0.1", server.listener().port(), server.listener().certificatePem(), null);
        provocations();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void table_listsEveryProblemCodeWithItsStatus() throws Exception {
        List<Row> rows = rows();
        Map<String, Set<Integer>> statuses = rows.stream().collect(Collectors.groupingBy(Row::code,
                Collectors.mapping(Row::status, Collectors.toSet())));
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(statuses).as("docs/protocol.md lists " + code.slug()).containsKey(code.slug());
            assertThat(statuses.get(code.slug())).as(code.slug() + " is documented with its status")
                    .contains(code.httpStatus());
        }
        assertThat(statuses.keySet()).as("every documented code exists")
                .allMatch(ProblemCode::isSlug);
        assertThat(rows).as("no row twice").doesNotHaveDuplicates();
    }

    @Test
    void provocations_eachMatchesADocumentedRow() throws Exception {
        assertThat(rows()).containsAll(provocations.keySet());
    }

    @TestFactory
    Stream<DynamicTest> documentedRow_provokedOrEnum_sameStatus() throws Exception {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.code() + " " + row.status(), () -> {
            ProblemCode code = ProblemCode.fromSlug(row.code());
            Provocation provocation = provocations.get(row);
            if (provocation == null) {
                assertThat(NOT_PROVOKED).as(row + " needs a provoking request in this test").contains(code);
                assertThat(row.status()).isEqualTo(code.httpStatus());
                return;
            }
            Answer answer = provocation.send();
            assertThat(answer.status()).as(answer.body()).isEqualTo(row.status());
            assertThat(answer.contentType()).startsWith(DeviceApi.PROBLEM_JSON);
            Problem problem = JSON.readValue(answer.body(), Problem.class);
            assertThat(problem.code()).isEqualTo(row.code());
            assertThat(problem.status()).isEqualTo(row.status());
            assertThat(problem.correlationId()).isNotBlank();
        }));
    }

    /** The rows of the "Problem codes" section's table. */
    static List<Row> rows() throws Exception {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("## Problem codes");
        assertThat(start).as("docs/protocol.md has a \"## Problem codes\" section").isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(m.group(1), Integer.parseInt(m.group(2))));
            }
        }
        assertThat(rows).as("problem code rows").isNotEmpty();
        return rows;
    }

    private void provocations() {
        on(ProblemCode.MALFORMED_REQUEST, 400, () -> Answer.of(server.client().post(DeviceApi.CHALLENGES, DeviceApi.JSON,
                "{\"product\":".getBytes(StandardCharsets.UTF_8))));
        on(ProblemCode.REQUEST_TOO_LARGE, 413, () -> Answer.of(server.client().post(DeviceApi.ATTESTATIONS,
                DeviceApi.JSON, ("{\"evidence\":\"" + "A".repeat(DeviceApi.MAX_BODY_BYTES) + "\"}")
                        .getBytes(StandardCharsets.US_ASCII))));
        on(ProblemCode.REQUEST_TOO_LARGE, 414, () -> Answer.of(raw.exchange("GET /" + "a".repeat(9 * 1024)
                + " HTTP/1.1\r\nHost: a\r\n\r\n")));
        on(ProblemCode.REQUEST_TOO_LARGE, 431, () -> Answer.of(raw.exchange("POST " + DeviceApi.CHALLENGES
                + " HTTP/1.1\r\nHost: a\r\nX-Pad: " + "p".repeat(9 * 1024) + "\r\nContent-Length: 0\r\n\r\n")));
        on(ProblemCode.UNSUPPORTED_MEDIA_TYPE, 415, () -> Answer.of(server.client().post(DeviceApi.CHALLENGES,
                "text/plain", "{}".getBytes(StandardCharsets.UTF_8))));
        on(ProblemCode.NOT_FOUND, 404, () -> Answer.of(server.client().post("/v1/nothing", DeviceApi.JSON,
                "{}".getBytes(StandardCharsets.UTF_8))));
        on(ProblemCode.METHOD_NOT_ALLOWED, 405, () -> Answer.of(server.client().get(DeviceApi.CHALLENGES)));
        on(ProblemCode.UNKNOWN_PRODUCT, 404, () -> Answer.of(server.client().postJson(DeviceApi.CHALLENGES,
                new ChallengeRequest("no-such-product"))));
        on(ProblemCode.BAD_SIGNATURE, 403, () -> attest(TestDevice.random(TestDevice.newMpKey(), TestServer.PRODUCT),
                challenge(), serial()));
        on(ProblemCode.UNKNOWN_SESSION, 403, () -> attest(server.device(), new ChallengeResponse(
                b64(new byte[16]), b64(new byte[32]), "2030-01-01T00:00:00Z"), serial()));
        on(ProblemCode.NONCE_MISMATCH, 403, () -> {
            ChallengeResponse c = challenge();
            return attest(server.device(), new ChallengeResponse(c.sessionId(), b64(new byte[32]), c.expiresAt()),
                    serial());
        });
        on(ProblemCode.NONCE_EXPIRED, 403, () -> {
            ChallengeResponse c = challenge();
            clock.advance(Duration.ofMinutes(2));
            return attest(server.device(), c, serial());
        });
        on(ProblemCode.NONCE_USED, 409, () -> {
            TestDevice.Attestation a = server.device().attest(challenge(), serial());
            server.client().attest(a.request());
            return Answer.of(server.client().attest(a.request()));
        });
        on(ProblemCode.SRK_MISMATCH, 403, () -> attest(server.device().withSrkHash(new byte[32]), challenge(),
                serial()));
        on(ProblemCode.CHIP_ALREADY_PROVISIONED, 409, () -> {
            TestDevice device = server.device();
            String serial = serial();
            provision(device, serial);
            return attest(device, challenge(), serial);
        });
        on(ProblemCode.CHIP_SERIAL_MISMATCH, 409, () -> {
            TestDevice device = server.device();
            issue(device, serial());
            return attest(device, challenge(), serial());
        });
        on(ProblemCode.SERIAL_IN_USE, 409, () -> {
            String serial = serial();
            issue(server.device(), serial);
            return attest(server.device(), challenge(), serial);
        });
        on(ProblemCode.SERIAL_NOT_AUTHORIZED, 403, () -> attest(server.device(), challenge(), "SN900000"));
        on(ProblemCode.QUOTA_EXHAUSTED, 409, () -> {
            issue(server.device(), "SN100001");
            return attest(server.device(), challenge(), "SN100002");
        });
        on(ProblemCode.RECEIPT_MISMATCH, 409, () -> {
            TestDevice device = server.device();
            TestDevice.Attestation a = device.attest(challenge(), serial());
            ProvisioningResponse issued = server.client().provisioning(server.client().attest(a.request()));
            return Answer.of(server.client().receipt(device.receipt(issued, new byte[32])));
        });
        on(ProblemCode.SESSION_NOT_ISSUED, 409, () -> {
            ChallengeResponse c = challenge();
            ProvisioningResponse never = new ProvisioningResponse(c.sessionId(), serial(), null, List.of(), "issued");
            return Answer.of(server.client().receipt(server.device().receipt(never, new byte[32])));
        });
        on(ProblemCode.POLICY_VIOLATION, 403, () -> attest(server.device().withSoftware("0.9.0"), challenge(),
                serial()));
        on(ProblemCode.ORDER_INACTIVE, 403, () -> attest(server.device(), challenge(), "SN200001"));
        on(ProblemCode.RATE_LIMITED, 429, this::rateLimited);
        on(ProblemCode.METHOD_NOT_ACCEPTED, 403, () -> {
            AttestationRequest mp = server.device().attest(challenge(), serial()).request();
            return Answer.of(server.client().attest(new AttestationRequest("pkcs11-se", mp.evidence(), null,
                    mp.signature(), null)));
        });
    }

    /** A separate server allowing one unexpired challenge per client: the second request is over it. */
    private Answer rateLimited() throws Exception {
        ServerConfig config = ServerConfig.defaults(dir.resolve("limited")).withPort(0).withMaxOutstandingChallenges(1);
        try (TestServer limited = TestServer.start(config, null)) {
            for (int i = 0; i < 200; i++) {
                Reply reply = limited.client().postJson(DeviceApi.CHALLENGES, new ChallengeRequest(TestServer.PRODUCT));
                if (reply.status() != 200) {
                    return Answer.of(reply);
                }
            }
            throw new AssertionError("200 challenges with at most 1 outstanding were never rate-limited");
        }
    }

    private void on(ProblemCode code, int status, Provocation provocation) {
        provocations.put(new Row(code.slug(), status), provocation);
    }

    private ChallengeResponse challenge() throws Exception {
        return server.client().challenge(TestServer.PRODUCT);
    }

    private String serial() {
        return String.format("SN%06d", serials.getAndIncrement());
    }

    private Answer attest(TestDevice device, ChallengeResponse challenge, String serial) throws Exception {
        return Answer.of(server.client().attest(device.attest(challenge, serial).request()));
    }

    private void issue(TestDevice device, String serial) throws Exception {
        assertThat(server.client().attest(device.attest(challenge(), serial).request()).status()).isEqualTo(200);
    }

    private void provision(TestDevice device, String serial) throws Exception {
        TestDevice.Attestation a = device.attest(challenge(), serial);
        ProvisioningResponse issued = server.client().provisioning(server.client().attest(a.request()));
        assertThat(server.client().receipt(device.receipt(issued, a.open(issued))).status()).isEqualTo(200);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
