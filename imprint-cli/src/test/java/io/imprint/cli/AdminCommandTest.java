package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.reports.ReportCsv;
import io.imprint.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandTest {
    @TempDir Path dir;

    @Test
    void issueCert_thenRemoteAndLocalCommands_work() throws Exception {
        Path data = dir.resolve("data");
        try (TestServer server = TestServer.sqlite(data)) {
            server.order("PO-1", 5, "SN000001..SN000005");
            server.imprint().orders().create(new io.imprint.server.orders.OrderRequest("PO-2", TestServer.PRODUCT,
                    "Other EMS", 5, "SN000100..SN000104"));
            Path bob = dir.resolve("bob");
            CliRun issued = CliRun.of("admin", "issue-cert", "--data-dir", data.toString(), "--name", "bob",
                    "--role", "cm-operator", "--cm", "Acme EMS", "--out", bob.toString());
            assertThat(issued.exitCode()).as(issued.err()).isZero();
            assertThat(issued.out()).contains("PKCS#12 password (shown once): ");
            assertThat(Files.getPosixFilePermissions(Path.of(bob + ".key")))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            assertThat(dir.resolve("operator-ca.crt")).exists();
            String password = issued.out().lines().filter(l -> l.startsWith("PKCS#12")).findFirst().orElseThrow()
                    .substring("PKCS#12 password (shown once): ".length()).strip();
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(Path.of(bob + ".p12"))) {
                p12.load(in, password.toCharArray());
            }
            assertThat(p12.isKeyEntry("operator")).isTrue();

            try (AdminListener admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0))) {
                String url = "https://127.0.0.1:" + admin.port();
                CliRun orders = CliRun.of("admin", "orders", "--server", url, "--operator", bob.toString(), "--server-fingerprint",
                        admin.fingerprint());
                assertThat(orders.exitCode()).as(orders.err()).isZero();
                assertThat(orders.out()).contains("PO-1").doesNotContain("PO-2");
                CliRun products = CliRun.of("admin", "products", "--server", url, "--operator", dir.toString(),
                        "--server-fingerprint", admin.fingerprint());
                assertThat(products.exitCode()).isEqualTo(2);
                assertThat(products.err()).contains("forbidden");
                CliRun csv = CliRun.of("report", "--server", url, "--operator", bob.toString(), "--server-fingerprint",
                        admin.fingerprint(), "--format", "csv");
                assertThat(csv.exitCode()).as(csv.err()).isZero();
                assertThat(csv.out()).startsWith(ReportCsv.HEADER).contains("order,,PO-1,used,,,0,0,0")
                        .doesNotContain("PO-2");
            }
        }
        CliRun local = CliRun.of("report", "--data-dir", data.toString(), "--format", "json");
        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(local.out()).contains("\"PO-2\"").contains("\"cloneSuspects\"");
        CliRun table = CliRun.of("admin", "orders", "--data-dir", data.toString());
        assertThat(table.out()).contains("PO-1").contains("PO-2");
    }
}
