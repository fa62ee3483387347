package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** product, order, unit and audit commands against a running server's admin API (--server). */
class AdminServerModeTest {
    @TempDir Path dir;

    @Test
    void commands_viaServer_sameOutputAndRolesEnforced() throws Exception {
        Path data = dir.resolve("data");
        try (TestServer server = TestServer.sqlite(data)) {
            server.order("PO-RMA", 1, "SN000100..SN000100");
            String chip = server.provisioned("SN000100").chipIdHex();
            for (String[] who : List.of(new String[] {"alice", "oem-admin"}, new String[] {"carol", "auditor"})) {
                CliRun issued = CliRun.of("admin", "issue-cert", "--data-dir", data.toString(), "--name", who[0],
                        "--role", who[1], "--out", dir.resolve(who[0]).toString());
                assertThat(issued.exitCode()).as(issued.err()).isZero();
            }
            try (AdminListener admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0))) {
                AdminRemote alice = new AdminRemote("https://127.0.0.1:" + admin.port(), dir.resolve("alice"), admin.fingerprint());
                AdminRemote carol = new AdminRemote(alice.url(), dir.resolve("carol"), admin.fingerprint());

                assertThat(alice.ok("product", "policy", "--name", TestServer.PRODUCT, "--allow-software", ">=1.0.0",
                        "--accept-mpmr", "zeros,optee")).contains("Policy of gateway-x: software >=1.0.0")
                        .contains("MPMR zeros,optee");
                assertThat(carol.ok("product", "list")).contains(TestServer.PRODUCT);
                assertThat(alice.ok("order", "create", "--name", "PO-R", "--product", TestServer.PRODUCT, "--cm", "acme",
                        "--quantity", "4", "--serials", "SN000001..SN000010", "--valid-from", "2026-01-01T00:00:00Z"))
                        .startsWith("Opened order PO-R for acme: 4 x gateway-x, serials SN000001..SN000010 (device-assigned)");
                assertThat(alice.ok("order", "suspend", "--name", "PO-R")).contains("Suspended order PO-R: suspended, 0/4 used");
                assertThat(alice.ok("order", "resume", "--name", "PO-R")).contains("Resumed order PO-R: open");
                assertThat(alice.ok("order", "resize", "--name", "PO-R", "--quantity", "6")).contains("0/6 used");
                assertThat(carol.ok("order", "list")).containsPattern("PO-R\\s+gateway-x\\s+acme\\s+open\\s+0\\s+6")
                        .contains("2026-01-01T00:00:00Z..");
                CliRun denied = carol.run("order", "suspend", "--name", "PO-R");
                assertThat(denied.exitCode()).isEqualTo(2);
                assertThat(denied.err().strip()).startsWith("imprint: forbidden: role auditor may not POST");
                assertThat(alice.ok("order", "close", "--name", "PO-R")).contains("Closed order PO-R at 0/6")
                        .containsPattern("authorized \\(quantity\\)\\s+6").contains("Signature: verified with the audit key");
                assertThat(carol.ok("order", "reconciliation", "--name", "PO-R"))
                        .containsPattern("provisioned \\(receipt verified\\)\\s+0");
                CliRun never = alice.run("unit", "authorize-reprovision", "--product", TestServer.PRODUCT, "--chip-id",
                        "0a1b", "--reason", "RMA-8");
                assertThat(never.exitCode()).isEqualTo(2);
                assertThat(never.err()).startsWith("imprint: not-found: chip 0A1B was never provisioned");
                assertThat(alice.ok("unit", "authorize-reprovision", "--product", TestServer.PRODUCT, "--chip-id",
                        chip.toLowerCase(), "--reason", "RMA-9")).contains("chip " + chip + " of gateway-x (RMA-9, by alice)");
                assertThat(alice.ok("audit", "checkpoint")).startsWith("Checkpoint covers entry ");
                assertThat(carol.run("audit", "checkpoint").err()).contains("forbidden");

                Path export = dir.resolve("audit.jsonl");
                assertThat(carol.ok("audit", "export", "--out", export.toString())).startsWith("Exported ");
                CliRun verified = CliRun.of("audit", "verify", "--file", export.toString(), "--key",
                        data.resolve("keys/audit.pub.pem").toString());
                assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
                assertThat(verified.out()).startsWith("OK: ");
                assertThat(carol.ok("audit", "verify")).startsWith("OK: ");
            }
        }
    }
}
