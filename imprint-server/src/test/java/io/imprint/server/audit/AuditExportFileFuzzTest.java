package io.imprint.server.audit;

import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import io.imprint.server.store.Database;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The audit export ({@code imprint audit verify --file}) fed mutations of a real export and random
 * text: reading fails only with {@link AuditTamperException} or an {@link IOException} (an
 * over-long line), and verification of whatever was read only with {@link AuditTamperException}.
 */
class AuditExportFileFuzzTest {
    static String export;
    static AuditKey key;

    @BeforeContainer
    static void export() throws Exception {
        Path dir = Files.createTempDirectory("imprint-audit-fuzz");
        try (Database db = Database.sqlite(dir)) {
            key = AuditKey.loadOrCreate(dir);
            AuditTrail audit = new AuditTrail(db, key, Clock.systemUTC(), 3);
            for (int i = 1; i <= 7; i++) {
                audit.append(i % 2 == 0 ? "admin" : "event", "device", Map.of("serial", "SN%06d".formatted(i),
                        "note", "caf\u00e9 \"q\" " + i));
            }
            StringWriter out = new StringWriter();
            audit.export(out);
            export = out.toString();
        }
    }

    @Provide
    Arbitrary<String> exports() {
        return Arbitraries.oneOf(Mutations.ofText(List.of(export)), Mutations.randomText(2_000));
    }

    @Property(tries = 200)
    void readAndVerify_mutatedExport_tamperOrIoExceptionOnly(@ForAll("exports") String text) {
        Fuzz.onlyThrows(() -> AuditVerifier.verifyExport(AuditExportFile.read(new StringReader(text)),
                key.publicKey()), AuditTamperException.class, IOException.class);
        Fuzz.onlyThrows(() -> AuditVerifier.verifyExport(AuditExportFile.read(new StringReader(text)), null),
                AuditTamperException.class, IOException.class);
    }
}
