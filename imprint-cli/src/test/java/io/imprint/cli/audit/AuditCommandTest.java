package io.imprint.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.events.Attempt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint audit export | verify | checkpoint} on a real data directory. */
class AuditCommandTest {
    @TempDir Path dir;
    Path data;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data");
        try (Imprint imprint = Imprint.openOrCreate(ServerConfig.defaults(data))) {
            for (int i = 1; i <= 4; i++) {
                imprint.events().record(i % 2 == 0 ? "issued" : "serial-not-authorized",
                        new Attempt().product("gateway-x").serial("SN00000" + i), null);
            }
            imprint.audit().append("admin", "alice", Map.of("action", "order-close", "order", "o1"));
        }
    }

    @Test
    void exportThenVerify_untouched_okExitZero() {
        Path file = dir.resolve("audit.jsonl");
        AuditCliRun export = AuditCliRun.of("audit", "export", "--data-dir", data.toString(), "--out", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("Exported 5 entries", "final checkpoint covers entry 5");

        AuditCliRun verify = AuditCliRun.of("audit", "verify", "--file", file.toString(),
                "--key", data.resolve("keys/audit.pub.pem").toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).startsWith("OK: 5 entries, 1 checkpoints").contains("last checkpoint covers entry 5");
    }

    @Test
    void verify_binaryFile_oneLineSaysNotAnExport() throws Exception {
        Path file = dir.resolve("audit.bin");
        Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xC3, 0x28, 0x0A});

        AuditCliRun verify = AuditCliRun.of("audit", "verify", "--file", file.toString(),
                "--key", data.resolve("keys/audit.pub.pem").toString());

        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err().strip()).startsWith("imprint: malformed-request: --file " + file)
                .contains("not UTF-8 text").doesNotContain("Input length").doesNotContain("\n");
    }

    @Test
    void verify_missingFile_oneLineNamesTheFile() {
        Path file = dir.resolve("nope.jsonl");

        AuditCliRun verify = AuditCliRun.of("audit", "verify", "--file", file.toString(),
                "--key", data.resolve("keys/audit.pub.pem").toString());

        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err().strip()).isEqualTo("imprint: not-found: --file " + file + ": no such audit export file");
    }

    @Test
    void verify_editedExport_oneLineNamingTheEntryExitThree() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        assertThat(AuditCliRun.of("audit", "export", "--data-dir", data.toString(), "--out", file.toString())
                .exitCode()).isZero();
        List<String> lines = Files.readAllLines(file);
        lines.set(2, lines.get(2).replace("SN000002", "SN000009"));
        Files.write(file, lines);

        AuditCliRun verify = AuditCliRun.of("audit", "verify", "--file", file.toString(),
                "--key", data.resolve("keys/audit.pub.pem").toString());
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.out().strip()).startsWith("TAMPERED: audit entry 2: edited entry").doesNotContain("\n");
    }

    @Test
    void verify_dataDirAfterCheckpoint_okThenTruncationFound() throws Exception {
        AuditCliRun checkpoint = AuditCliRun.of("audit", "checkpoint", "--data-dir", data.toString());
        assertThat(checkpoint.exitCode()).as(checkpoint.err()).isZero();
        assertThat(checkpoint.out()).startsWith("Checkpoint covers entry 5");
        assertThat(AuditCliRun.of("audit", "verify", "--data-dir", data.toString()).out())
                .startsWith("OK: 5 entries, 1 checkpoints");

        try (Imprint imprint = Imprint.open(ServerConfig.defaults(data))) {
            imprint.database().autoCommit(c -> {
                try (var s = c.createStatement()) {
                    return s.executeUpdate("DELETE FROM audit_entries WHERE seq = 5");
                }
            });
        }
        AuditCliRun verify = AuditCliRun.of("audit", "verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.out().strip()).startsWith("TAMPERED: audit entry 5: truncated");
    }

    @Test
    void verify_otherTrustedKey_wrongKey() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditCliRun.of("audit", "export", "--data-dir", data.toString(), "--out", file.toString());
        Path other = dir.resolve("other");
        Imprint.openOrCreate(ServerConfig.defaults(other)).close();
        AuditCliRun verify = AuditCliRun.of("audit", "verify", "--file", file.toString(),
                "--key", other.resolve("keys/audit.pub.pem").toString());
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.out().strip()).startsWith("TAMPERED: audit header: wrong key");
    }

    @Test
    void verify_previousExport_catchesTruncationThatAlsoDroppedCheckpoints() throws Exception {
        Path earlier = dir.resolve("earlier.jsonl");
        assertThat(AuditCliRun.of("audit", "export", "--data-dir", data.toString(), "--out", earlier.toString())
                .exitCode()).isZero();
        try (Imprint imprint = Imprint.open(ServerConfig.defaults(data))) {
            imprint.database().autoCommit(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM audit_checkpoints");
                    return s.executeUpdate("DELETE FROM audit_entries WHERE seq >= 4");
                }
            });
        }
        assertThat(AuditCliRun.of("audit", "verify", "--data-dir", data.toString()).exitCode())
                .as("alone, the shortened trail is consistent").isZero();

        AuditCliRun verify = AuditCliRun.of("audit", "verify", "--data-dir", data.toString(),
                "--previous", earlier.toString());
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.out().strip()).startsWith("TAMPERED: audit entry 4: truncated");
    }

    @Test
    void verify_fileWithoutKey_refusedUnlessEmbeddedKeyTrustedExplicitly() {
        Path file = dir.resolve("audit.jsonl");
        assertThat(AuditCliRun.of("audit", "export", "--data-dir", data.toString(), "--out", file.toString())
                .exitCode()).isZero();

        AuditCliRun unpinned = AuditCliRun.of("audit", "verify", "--file", file.toString());
        assertThat(unpinned.exitCode()).isEqualTo(2);
        assertThat(unpinned.err().strip()).startsWith("imprint: malformed-request: give --key").doesNotContain("\n");

        AuditCliRun embedded = AuditCliRun.of("audit", "verify", "--file", file.toString(), "--trust-embedded-key");
        assertThat(embedded.exitCode()).isZero();
        assertThat(embedded.out()).startsWith("OK: 5 entries").contains("NOTE: the audit key was taken from the export itself");
    }
}
