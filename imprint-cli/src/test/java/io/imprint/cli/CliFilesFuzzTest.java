package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.testing.Mutations;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whole commands on mutated and random files ({@code imprint mp verify --transcript},
 * {@code imprint audit verify --file}): the documented exit codes only, and at most one line on
 * stderr, never a stack trace.
 */
class CliFilesFuzzTest {
    static final String KEY = InputsFuzzTest.MP_HEX;
    static final String TRANSCRIPT = "=> mfgprot sign 0x40480000 4\nMessage: 7A 5D 4D A3 \n"
            + "Message Representative Digest(SHA-256):\n"
            + "2812EE80BF0DF25CECA9B12A8D15F28EFFED93ADB87F9E6AC4D13BEB662EA53C\nSignature:\nC:\n"
            + "E85E34E4BF56CAA32DA858C0279C50A7E64E1136A23E51BF7C04CDA56389EE56\nd:\n"
            + "4A3C7A3725E1F7DDE41396393C88136B019633ED7BB33B689B78B25E06D42538\n=> ";
    static Path dir;
    static String export;
    static Path auditKey;
    static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeContainer
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("imprint-cli-fuzz");
        try (var db = io.imprint.server.store.Database.sqlite(dir.resolve("data"))) {
            var key = io.imprint.server.audit.AuditKey.loadOrCreate(dir.resolve("data"));
            var audit = new io.imprint.server.audit.AuditTrail(db, key, Clock.systemUTC(), 2);
            for (int i = 1; i <= 4; i++) {
                audit.append("event", "device", Map.of("serial", "SN00000" + i));
            }
            StringWriter out = new StringWriter();
            audit.export(out);
            export = out.toString();
            auditKey = Files.writeString(dir.resolve("audit.pub.pem"), key.publicKeyPem());
        }
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> transcript() {
        return Arbitraries.oneOf(Mutations.ofText(List.of(TRANSCRIPT)), Mutations.randomText(300));
    }

    @Provide
    Arbitrary<byte[]> exportFile() {
        return Arbitraries.oneOf(Mutations.of(export.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Mutations.randomBytes(500));
    }

    @Property(tries = 25)
    void mpVerify_mutatedTranscript_documentedExitAndOneLine(@ForAll("transcript") String text) throws IOException {
        Path file = Files.writeString(dir.resolve("sign-" + COUNTER.incrementAndGet() + ".txt"), text);
        assertOneLine(CliRun.of("mp", "verify", "--key", KEY, "--transcript", file.toString()));
    }

    @Property(tries = 25)
    void auditVerify_mutatedExport_documentedExitAndOneLine(@ForAll("exportFile") byte[] content) throws IOException {
        Path file = Files.write(dir.resolve("export-" + COUNTER.incrementAndGet() + ".jsonl"), content);
        assertOneLine(CliRun.of("audit", "verify", "--file", file.toString(), "--key", auditKey.toString()));
    }

    private static void assertOneLine(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1, 2, AuditCommand.TAMPERED);
        assertThat(run.err().strip().lines().count()).as(run.err()).isLessThanOrEqualTo(1);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    }
}
