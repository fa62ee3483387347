package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.cli.backend.pkcs11.SoftHsmLine;
import io.imprint.cli.contract.TestSoftHsm;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.http.DeviceListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backend pkcs11} through the CLI: the demo on emulated secure elements, and device provision. */
class Pkcs11DemoAndProvisionTest {
    @TempDir Path tmp;

    @BeforeEach
    void softHsm() throws Exception {
        assumeTrue(TestSoftHsm.installed(), "SoftHSM2 not installed (apt-get install softhsm2): pkcs11 CLI tests skipped");
        TestSoftHsm.dir();
    }

    @Test
    void demo_pkcs11Backend_provisionsSecureElementsAndRefusesEveryAttack() {
        Path data = tmp.resolve("demo");
        CliRun run = CliRun.of("demo", "--backend", "pkcs11", "--devices", "6", "--stations", "2", "--data-dir",
                data.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("EMULATED secure elements")
                .contains("accepts pkcs11-se devices whose certificate chains to [").contains("CN=Imprint emulated SE vendor root")
                .doesNotContain("offline/")
                .contains("replayed message   refused: nonce-used (409)")
                .contains("clone              refused: serial-in-use (409)")
                .contains("overproduction     refused: quota-exhausted (409)")
                .contains("counterfeit        refused: untrusted-device (403)")
                .contains("tampered message   refused: bad-signature (403)")
                .contains("outdated firmware  refused: policy-violation (403)")
                .doesNotContain("wrong SRK hash")
                .containsPattern("provisioned \\(confirmed by receipt\\)\\s+6")
                .contains("secure element's token objects")
                .contains("hash-chained entries verified");
    }

    @Test
    void provision_pkcs11Backend_secureElementProvisionedThroughTheCli() throws Exception {
        SoftHsmLine line = new SoftHsmLine(TestSoftHsm.dir());
        Path device = tmp.resolve("se1");
        try (DeviceBackend made = line.genuine(device)) {
            assertThat(made.store().names()).isEmpty();
        }
        Path root = Files.writeString(tmp.resolve("vendor.pem"), line.vendor().certificatePem());
        String data = tmp.resolve("server").toString();
        assertThat(CliRun.of("init", "--data-dir", data).exitCode()).isZero();
        CliRun enroll = CliRun.of("product", "enroll", "--data-dir", data, "--name", "sensor-se", "--part-number",
                "SE050", "--method", "pkcs11-se", "--trust-root", "pkcs11-se=" + root, "--allow-software", "1.0.0");
        assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        assertThat(CliRun.of("order", "create", "--data-dir", data, "--name", "PO-SE", "--product", "sensor-se",
                "--cm", "acme-ems", "--quantity", "2", "--serials", "SE000001..SE000009").exitCode()).isZero();
        try (Imprint imprint = Imprint.openOrCreate(ServerConfig.defaults(Path.of(data)).withPort(0));
             DeviceListener listener = imprint.startDeviceListener()) {
            CliRun run = CliRun.of("device", "provision", "--backend", "pkcs11", "--dir", device.toString(),
                    "--server", "https://127.0.0.1:" + listener.port(), "--server-fingerprint", listener.fingerprint(),
                    "--product", "sensor-se", "--serial", "SE000001");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Provisioned SE000001 (provisioned) on secure element in PKCS#11 token")
                    .contains("stored: disk-encryption-key in token objects of PKCS#11 token");
            assertThat(imprint.events().unitsByState("sensor-se", null)).containsEntry("provisioned", 1L);
        }
    }
}
