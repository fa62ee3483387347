package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.cli.backend.VendorCa;
import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attestation methods and trust roots through a running server's admin API (--server), with roles. */
class AdminMethodsServerModeTest {
    @TempDir Path dir;

    @Test
    void methodsAndTrustRoots_viaServer_changedByOemAdminReadByAuditor() throws Exception {
        Path data = dir.resolve("data");
        Path root = Files.writeString(dir.resolve("root.pem"), VendorCa.create("Remote SE vendor root").certificatePem());
        try (TestServer server = TestServer.sqlite(data)) {
            for (String[] who : List.of(new String[] {"alice", "oem-admin"}, new String[] {"carol", "auditor"})) {
                assertThat(CliRun.of("admin", "issue-cert", "--data-dir", data.toString(), "--name", who[0], "--role",
                        who[1], "--out", dir.resolve(who[0]).toString()).exitCode()).isZero();
            }
            try (AdminListener admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0))) {
                String url = "https://127.0.0.1:" + admin.port();
                AdminRemote alice = new AdminRemote(url, dir.resolve("alice"), admin.fingerprint());
                AdminRemote carol = new AdminRemote(url, dir.resolve("carol"), admin.fingerprint());

                assertThat(alice.ok("product", "method", "add", "--name", TestServer.PRODUCT, "--method", "pkcs11-se"))
                        .contains("gateway-x accepts caam-mp, pkcs11-se");
                assertThat(alice.ok("product", "trust-root", "add", "--name", TestServer.PRODUCT, "--method",
                        "pkcs11-se", "--certificate", root.toString())).contains("Added pkcs11-se trust root");
                assertThat(carol.ok("product", "trust-root", "list", "--name", TestServer.PRODUCT))
                        .contains("CN=Remote SE vendor root");
                CliRun denied = carol.run("product", "trust-root", "add", "--name", TestServer.PRODUCT, "--method",
                        "pkcs11-se", "--certificate", root.toString());
                assertThat(denied.exitCode()).isEqualTo(2);
                assertThat(denied.err()).startsWith("imprint: forbidden: role auditor may not POST");
                String fingerprint = server.imprint().productMethods().roots(TestServer.PRODUCT).get(0).fingerprint();
                assertThat(alice.ok("product", "trust-root", "remove", "--name", TestServer.PRODUCT, "--method",
                        "pkcs11-se", "--fingerprint", fingerprint)).contains("0 trust roots left");
                assertThat(alice.ok("product", "method", "remove", "--name", TestServer.PRODUCT, "--method",
                        "pkcs11-se")).contains("gateway-x accepts caam-mp");
                assertThat(alice.ok("product", "enroll", "--name", "sensor-se", "--part-number", "SE050", "--method",
                        "pkcs11-se", "--trust-root", "pkcs11-se=" + root)).contains("methods pkcs11-se");
                assertThat(carol.ok("product", "list")).containsPattern("sensor-se\\s+SE050\\s+pkcs11-se");
            }
        }
    }
}
