package io.imprint.server.audit;

import static io.imprint.server.audit.AuditTrailContract.assertTampered;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.store.Database;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export file, tampered with line by line, checked by the offline verifier alone. */
class AuditExportFileTest {
    @TempDir
    Path dir;
    Database db;
    AuditKey key;
    AuditTrail audit;
    List<String> lines;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.sqlite(dir);
        key = AuditKey.loadOrCreate(dir);
        audit = new AuditTrail(db, key, Clock.systemUTC(), 4);
        for (int i = 1; i <= 10; i++) {
            audit.append(i % 3 == 0 ? "admin" : "event", i % 3 == 0 ? "alice" : "device",
                    Map.of("serial", "SN%06d".formatted(i), "note", "caf\u00e9 \"quoted\" line " + i));
        }
        StringWriter out = new StringWriter();
        audit.export(out);
        lines = new ArrayList<>(out.toString().lines().toList());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void verifyExport_untouched_verifiesWithTrustedKey() throws Exception {
        VerifiedAuditLog v = verify(lines, key);
        assertThat(v.entryCount()).isEqualTo(10);
        assertThat(v.checkpointCount()).isEqualTo(3);
        assertThat(v.lastCheckpoint()).get().extracting(AuditCheckpoint::seq).isEqualTo(10L);
        assertThat(lines).hasSize(1 + 10 + 3);
        assertThat(lines.getFirst()).contains("\"format\":\"imprint-audit-export\"", "\"version\":1", "BEGIN PUBLIC KEY");
    }

    @Test
    void verifyExport_emptyTrail_verifiesWithCheckpointAtZero() throws Exception {
        try (Database other = Database.sqlite(dir.resolve("empty"))) {
            StringWriter out = new StringWriter();
            new AuditTrail(other, key, Clock.systemUTC(), 4).export(out);
            VerifiedAuditLog v = verify(out.toString().lines().toList(), key);
            assertThat(v.entryCount()).isZero();
            assertThat(v.headHash()).isEqualTo("0".repeat(64));
        }
    }

    @Test
    void verifyExport_lineEdited_editedEntry() {
        lines.set(3, lines.get(3).replace("alice", "mallory"));
        assertTampered(() -> verify(lines, null), 3, AuditFault.EDITED);
    }

    @Test
    void verifyExport_lineDropped_missingEntry() {
        lines.remove(5);
        assertTampered(() -> verify(lines, null), 5, AuditFault.MISSING);
    }

    @Test
    void verifyExport_linesReordered_orderChanged() {
        Collections.swap(lines, 6, 7);
        assertTampered(() -> verify(lines, null), 6, AuditFault.ORDER_CHANGED);
    }

    @Test
    void verifyExport_tailCut_truncated() {
        List<String> cut = new ArrayList<>(lines.subList(0, 9));
        assertTampered(() -> verify(cut, null), 9, AuditFault.TRUNCATED);
    }

    @Test
    void verifyExport_cutMidLine_truncated() {
        String text = String.join("\n", lines) + "\n";
        String cut = text.substring(0, text.length() - 40);
        assertTampered(() -> AuditVerifier.verifyExport(AuditExportFile.read(new StringReader(cut)), null),
                11, AuditFault.TRUNCATED);
    }

    @Test
    void verifyExport_periodicCheckpointCoversCutEntries_truncated() {
        List<String> cut = new ArrayList<>(lines.subList(0, 7));
        cut.addAll(lines.subList(11, 13));
        assertTampered(() -> verify(cut, null), 7, AuditFault.TRUNCATED);
    }

    @Test
    void verifyExport_headerKeySwapped_badCheckpointSignature() throws Exception {
        AuditKey other = AuditKey.loadOrCreate(dir.resolve("other"));
        lines.set(0, lines.getFirst().replace(json(key.publicKeyPem()), json(other.publicKeyPem())));
        assertTampered(() -> verify(lines, null), 4, AuditFault.BAD_CHECKPOINT_SIGNATURE);
    }

    @Test
    void verifyExport_whollyResignedWithAnotherKey_wrongKeyOnlyWhenTrustedKeyGiven() throws Exception {
        AuditKey other = AuditKey.loadOrCreate(dir.resolve("other"));
        AuditLog log = AuditExportFile.read(new StringReader(String.join("\n", lines) + "\n"));
        List<AuditCheckpoint> resigned = new ArrayList<>();
        for (AuditCheckpoint cp : log.checkpoints()) {
            byte[] sig = other.sign(AuditHashes.checkpointBytes(cp.seq(), Hex.parse(cp.entryHash()),
                    cp.signedAt().toEpochMilli()));
            resigned.add(new AuditCheckpoint(cp.seq(), cp.entryHash(), cp.signedAt(), Hex.of(sig)));
        }
        AuditLog forged = new AuditLog(other.publicKeyPem(), log.entries(), resigned);
        assertThat(AuditVerifier.verifyExport(forged, null).entryCount()).isEqualTo(10);
        assertTampered(() -> AuditVerifier.verifyExport(forged, key.publicKey()), 0, AuditFault.WRONG_KEY);
    }

    @Test
    void read_notAnExport_malformedLineOne() {
        assertTampered(() -> AuditExportFile.read(new StringReader("hello\n")), 1, AuditFault.MALFORMED);
    }

    private static VerifiedAuditLog verify(List<String> lines, AuditKey trusted) throws Exception {
        AuditLog log = AuditExportFile.read(new StringReader(String.join("\n", lines) + "\n"));
        return AuditVerifier.verifyExport(log, trusted == null ? null : trusted.publicKey());
    }

    private static String json(String pem) throws GeneralSecurityException {
        return pem.replace("\n", "\\n");
    }
}
