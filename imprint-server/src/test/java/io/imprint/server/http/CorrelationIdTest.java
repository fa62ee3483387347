package io.imprint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.store.EventRow;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** One correlation id per request, from the problem document to one WARN log line and the event row. */
class CorrelationIdTest {
    @TempDir Path dir;
    TestServer server;
    ListAppender<ILoggingEvent> log;
    Logger problemsLogger;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite(dir);
        server.order("batch-1", 10, "SN000001..SN000010");
        problemsLogger = (Logger) LoggerFactory.getLogger(Problems.class);
        log = new ListAppender<>();
        log.start();
        problemsLogger.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        problemsLogger.detachAppender(log);
        server.close();
    }

    @Test
    void attest_refused_sameIdInProblemOneWarnLineAndEventRow() throws Exception {
        TestDevice device = server.device();
        AttestationRequest request = device.attest(server.client().challenge(TestServer.PRODUCT), "SN009999").request();

        Reply reply = server.client().attest(request);

        Problem problem = server.client().problem(reply);
        assertThat(problem.code()).isEqualTo(ProblemCode.SERIAL_NOT_AUTHORIZED.slug());
        String id = problem.correlationId();
        List<ILoggingEvent> lines = log.list.stream().filter(e -> e.getFormattedMessage().contains(id)).toList();
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).contains("serial-not-authorized").contains("product=gateway-x")
                    .contains("chip=" + device.chipIdHex()).contains("serial=SN009999")
                    .doesNotContain(request.signature()).doesNotContain(request.evidence().substring(0, 40));
        });
        EventRow event = event(id);
        assertThat(event.outcome()).isEqualTo("serial-not-authorized");
        assertThat(event.chipId()).isEqualTo(device.chipIdHex());
    }

    @Test
    void attest_malformed_eventCarriesId() throws Exception {
        Reply reply = server.client().post(DeviceApi.ATTESTATIONS, DeviceApi.JSON, "{\"evidence\":".getBytes());

        String id = server.client().problem(reply).correlationId();
        assertThat(event(id).outcome()).isEqualTo("malformed-request");
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains(id)).singleElement()
                .extracting(ILoggingEvent::getLevel).isEqualTo(Level.WARN);
    }

    @Test
    void attest_accepted_eventCarriesAnId() throws Exception {
        Reply reply = server.client().attest(server.device().attest(server.client().challenge(TestServer.PRODUCT),
                "SN000001").request());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(server.imprint().events().recent(TestServer.PRODUCT, 1)).singleElement()
                .satisfies(e -> assertThat(e.correlationId()).matches("[0-9a-f]{16}"));
        assertThat(log.list).isEmpty();
    }

    private EventRow event(String correlationId) {
        return server.imprint().events().recent(null, 100).stream()
                .filter(e -> correlationId.equals(e.correlationId())).findFirst().orElseThrow(
                        () -> new AssertionError("no event with correlation id " + correlationId));
    }
}
