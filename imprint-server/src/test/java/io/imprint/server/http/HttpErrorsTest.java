package io.imprint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.admin.Operator;
import io.imprint.server.admin.OperatorCa;
import io.imprint.server.admin.Role;
import io.imprint.server.testing.RawTls;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors raised before or outside routing, on both listeners, over raw TLS sockets: every one is an
 * RFC 9457 problem document with a stable code and a correlation id, never Jetty's HTML or an empty body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    TestServer server;
    AdminListener admin;
    Map<String, RawTls> listeners;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.sqlite(dir);
        admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0));
        char[] none = new char[0];
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(OperatorCa.loadOrCreate(dir).issue(new Operator("alice", Role.OEM_ADMIN, null), Duration.ofDays(1))
                .keyStore(none), none);
        String pem = server.listener().certificatePem();
        listeners = Map.of(
                "device", new RawTls("127.0.0.1", server.listener().port(), pem, null),
                "admin", new RawTls("127.0.0.1", admin.port(), pem, kmf.getKeyManagers()));
    }

    @AfterAll
    void stop() throws Exception {
        admin.stop();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "admin"})
    void brokenRequestLine_malformedRequestProblem(String listener) throws Exception {
        problem(listeners.get(listener).exchange("GARBAGE\r\n\r\n"), 400, ProblemCode.MALFORMED_REQUEST);
        problem(listeners.get(listener).exchange("GET /v1/x HTTP/9.9\r\nHost: a\r\n\r\n"), 400,
                ProblemCode.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "admin"})
    void longUri_414RequestTooLargeProblem(String listener) throws Exception {
        RawTls.Response r = listeners.get(listener).exchange("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
        problem(r, 414, ProblemCode.REQUEST_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "admin"})
    void bigHeaders_431RequestTooLargeProblem(String listener) throws Exception {
        RawTls.Response r = listeners.get(listener).exchange("POST " + DeviceApi.CHALLENGES
                + " HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(20_000) + "\r\nContent-Length: 0\r\n\r\n");
        problem(r, 431, ProblemCode.REQUEST_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "admin"})
    void optionsStar_notFoundProblem(String listener) throws Exception {
        problem(listeners.get(listener).exchange("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"), 404, ProblemCode.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "admin"})
    void unknownPath_notFoundProblem(String listener) throws Exception {
        problem(listeners.get(listener).exchange("GET /no/such/path HTTP/1.1\r\nHost: a\r\n\r\n"), 404,
                ProblemCode.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "admin"})
    void wrongMethod_methodNotAllowedProblemWithAllow(String listener) throws Exception {
        String path = listener.equals("device") ? DeviceApi.ATTESTATIONS : "/admin/v1/products";
        RawTls.Response r = listeners.get(listener).exchange("DELETE " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
        Problem p = problem(r, 405, ProblemCode.METHOD_NOT_ALLOWED);
        assertThat(r.headers()).containsKey("allow");
        assertThat(r.headers().get("allow")).contains("POST");
        assertThat(p.detail()).contains("DELETE");
    }

    private static Problem problem(RawTls.Response r, int status, ProblemCode code) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith(DeviceApi.PROBLEM_JSON);
        Problem p = JSON.readValue(r.body(), Problem.class);
        assertThat(p.code()).isEqualTo(code.slug());
        assertThat(p.type()).isEqualTo(code.type().toString());
        assertThat(p.status()).isEqualTo(status);
        assertThat(p.correlationId()).matches("[0-9a-f]{16}");
        assertThat(r.headers().get("x-correlation-id")).isEqualTo(p.correlationId());
        assertThat(r.body()).doesNotContain("<html").doesNotContain("Exception").doesNotContain("Jetty");
        return p;
    }
}
