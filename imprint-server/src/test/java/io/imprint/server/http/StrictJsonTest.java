package io.imprint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The device API's JSON rules (docs/protocol.md, "JSON"), over real TLS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictJsonTest {
    private static final String CHALLENGE = "{\"product\":\"gateway-x\"}";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    TestServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.sqlite(dir);
        server.order("batch-1", 100, "SN000001..SN000100");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void challenge_plainUtf8_accepted() throws Exception {
        assertThat(challenge(DeviceApi.JSON, CHALLENGE.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(challenge("application/json; charset=UTF-8", CHALLENGE.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(200);
        assertThat(challenge("application/json;charset=\"utf-8\"", CHALLENGE.getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(200);
    }

    @Test
    void challenge_byteOrderMark_malformed() throws Exception {
        byte[] body = ("\uFEFF" + CHALLENGE).getBytes(StandardCharsets.UTF_8);
        refused(challenge(DeviceApi.JSON, body), ProblemCode.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
    void challenge_utf16or32Body_malformed(String charset) throws Exception {
        refused(challenge(DeviceApi.JSON, CHALLENGE.getBytes(Charset.forName(charset))), ProblemCode.MALFORMED_REQUEST);
    }

    @Test
    void challenge_otherCharsetNamed_unsupportedMediaType() throws Exception {
        refused(challenge("application/json; charset=utf-16", CHALLENGE.getBytes(StandardCharsets.UTF_16)),
                ProblemCode.UNSUPPORTED_MEDIA_TYPE);
        refused(challenge("application/json; charset=iso-8859-1", CHALLENGE.getBytes(StandardCharsets.UTF_8)),
                ProblemCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"product\":\"other\",\"product\":\"gateway-x\"}",
            "{\"product\":\"gateway-x\",\"product\":\"gateway-x\"}",
            "{\"product\":\"gateway-x\",\"product\":\"other\"}"})
    void challenge_duplicateMember_malformed(String body) throws Exception {
        refused(challenge(DeviceApi.JSON, body.getBytes(StandardCharsets.UTF_8)), ProblemCode.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"product\":123}", "{\"product\":1.5}", "{\"product\":true}", "{\"product\":[\"gateway-x\"]}",
            "{\"product\":{}}"})
    void challenge_nonStringValue_malformed(String body) throws Exception {
        refused(challenge(DeviceApi.JSON, body.getBytes(StandardCharsets.UTF_8)), ProblemCode.MALFORMED_REQUEST);
    }

    @Test
    void challenge_unknownMember_malformed() throws Exception {
        refused(challenge(DeviceApi.JSON, "{\"product\":\"gateway-x\",\"extra\":1}".getBytes(StandardCharsets.UTF_8)),
                ProblemCode.MALFORMED_REQUEST);
    }

    @Test
    void attest_unpaddedBase64_malformed() throws Exception {
        AttestationRequest ok = attestation("SN000001");
        String unpadded = ok.signature().replace("=", "");
        assertThat(unpadded).isNotEqualTo(ok.signature());
        refused(server.client().attest(new AttestationRequest(ok.evidence(), ok.mpmr(), unpadded)),
                ProblemCode.MALFORMED_REQUEST);
        assertThat(server.client().attest(ok).status()).as("the genuine request still works").isEqualTo(200);
    }

    @Test
    void attest_nonCanonicalTrailingBits_malformed() throws Exception {
        AttestationRequest ok = attestation("SN000002");
        // 64 bytes: 86 characters then "==", the last character carrying 4 unused bits; set one of them.
        String sig = ok.signature();
        char last = sig.charAt(85);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String tweaked = sig.substring(0, 85) + alphabet.charAt(alphabet.indexOf(last) ^ 1) + "==";
        assertThat(Base64.getDecoder().decode(tweaked)).as("same bytes").isEqualTo(Base64.getDecoder().decode(sig));
        refused(server.client().attest(new AttestationRequest(ok.evidence(), ok.mpmr(), tweaked)),
                ProblemCode.MALFORMED_REQUEST);
    }

    private AttestationRequest attestation(String serial) throws Exception {
        TestDevice device = server.device();
        return device.attest(server.client().challenge(TestServer.PRODUCT), serial).request();
    }

    private Reply challenge(String contentType, byte[] body) throws Exception {
        return server.client().post(DeviceApi.CHALLENGES, contentType, body);
    }

    private static void refused(Reply reply, ProblemCode code) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(code.httpStatus());
        assertThat(reply.contentType()).startsWith(DeviceApi.PROBLEM_JSON);
        Problem p = JSON.readValue(reply.body(), Problem.class);
        assertThat(p.code()).isEqualTo(code.slug());
    }
}
