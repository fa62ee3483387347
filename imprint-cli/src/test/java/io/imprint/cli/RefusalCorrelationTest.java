package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.http.Problems;
import io.imprint.server.store.EventRow;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The correlation id a refused command prints leads to the server's WARN log line and event row. */
class RefusalCorrelationTest {
    private static final Pattern ID = Pattern.compile("\\(correlation id ([0-9a-f]{16})\\)$");
    @TempDir Path dir;
    TestServer server;
    ListAppender<ILoggingEvent> log;
    Logger problems;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite(dir.resolve("data"));
        server.order("PO-1", 10, "SN000001..SN000010");
        problems = (Logger) LoggerFactory.getLogger(Problems.class);
        log = new ListAppender<>();
        log.start();
        problems.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        problems.detachAppender(log);
        server.close();
    }

    @Test
    void deviceProvision_refused_lineNamesIdOfLogLineAndEvent() {
        Path chip = dir.resolve("chip");
        assertThat(CliRun.of("device", "chip-init", "--dir", chip.toString(), "--part-number", "MIMX8MM6",
                "--srk-hash", "a1".repeat(32), "--fuse-seed", "5eed".repeat(8)).exitCode()).isZero();

        CliRun run = CliRun.of("device", "provision", "--dir", chip.toString(), "--server",
                "https://127.0.0.1:" + server.listener().port(), "--server-fingerprint", server.listener().fingerprint(),
                "--product", TestServer.PRODUCT, "--serial", "SN000001");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("imprint: srk-mismatch: ");
        String id = id(run);
        assertThat(warnLines(id)).singleElement().asString().contains("srk-mismatch").contains("serial=SN000001");
        assertThat(server.imprint().events().recent(null, 10)).filteredOn(e -> id.equals(e.correlationId()))
                .singleElement().extracting(EventRow::outcome).isEqualTo("srk-mismatch");
    }

    @Test
    void adminCommand_refused_lineNamesIdOfLogLine() throws Exception {
        assertThat(CliRun.of("admin", "issue-cert", "--data-dir", dir.resolve("data").toString(), "--name", "carol",
                "--role", "auditor", "--out", dir.resolve("carol").toString()).exitCode()).isZero();
        try (AdminListener admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0))) {
            CliRun run = CliRun.of("order", "suspend", "--name", "PO-1",
                    "--server", "https://127.0.0.1:" + admin.port(), "--operator", dir.resolve("carol").toString(), "--server-fingerprint", admin.fingerprint());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().strip()).startsWith("imprint: forbidden: ");
            assertThat(warnLines(id(run))).singleElement().asString().contains("forbidden");
        }
    }

    private static String id(CliRun run) {
        Matcher m = ID.matcher(run.err().strip());
        assertThat(m.find()).as(run.err()).isTrue();
        return m.group(1);
    }

    private java.util.List<String> warnLines(String id) {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(id)).toList();
    }
}
