package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.tpm.Swtpm;
import io.imprint.device.tpm.SwtpmVendorCa;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.http.DeviceListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's path for a TPM 2.0 device through the CLI: a product accepting tpm2 with the TPM
 * vendor's root, then {@code imprint device provision --backend tpm2} on a swtpm (an EMULATED TPM)
 * named by {@code tpm2.properties} in the device directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Tpm2DeviceProvisionTest {
    private Path tmp;
    private Imprint imprint;
    private DeviceListener listener;
    private Swtpm tpm;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        SwtpmVendorCa vendor = new SwtpmVendorCa(dir.resolve("vendor"));
        Swtpm.manufacture(dir.resolve("tpm-state"), vendor);
        tpm = Swtpm.start(dir.resolve("tpm-state"));
        Path roots = Files.writeString(dir.resolve("tpm-vendor.pem"), vendor.trustPem());
        String data = dir.resolve("server").toString();
        assertThat(CliRun.of("init", "--data-dir", data).exitCode()).isZero();
        CliRun enroll = CliRun.of("product", "enroll", "--data-dir", data, "--name", "gateway-t", "--part-number",
                "SLB9672", "--method", "tpm2", "--trust-root", "tpm2=" + roots, "--allow-software", "1.0.0");
        assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        CliRun order = CliRun.of("order", "create", "--data-dir", data, "--name", "PO-T", "--product", "gateway-t",
                "--cm", "acme-ems", "--quantity", "3", "--serials", "SN000001..SN000010");
        assertThat(order.exitCode()).as(order.err()).isZero();
        imprint = Imprint.openOrCreate(ServerConfig.defaults(dir.resolve("server")).withPort(0));
        listener = imprint.startDeviceListener();
    }

    @AfterAll
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (imprint != null) {
            imprint.close();
        }
        if (tpm != null) {
            tpm.close();
        }
    }

    private CliRun provision(Path dir, String serial) {
        List<String> args = new ArrayList<>(List.of("device", "provision", "--backend", "tpm2", "--dir", dir.toString(),
                "--server", "https://127.0.0.1:" + listener.port(), "--server-fingerprint", listener.fingerprint(),
                "--product", "gateway-t", "--serial", serial));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void provision_tpm2Backend_provisionedThenRefusedAsClone() throws Exception {
        Path device = Files.createDirectories(tmp.resolve("device-1"));
        Files.writeString(device.resolve("tpm2.properties"), "tcti=" + tpm.tcti() + "\nek-handle=0x81010001\n");

        CliRun run = provision(device, "SN000001");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Provisioned SN000001 (provisioned)").contains("urn:imprint:chip:");
        assertThat(Files.list(device.resolve("sealed")).map(p -> p.getFileName().toString()))
                .contains("disk-encryption-key.tpmseal");
        CliRun again = provision(device, "SN000002");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err().strip()).startsWith("imprint: chip-already-provisioned: ").doesNotContain("\n");
        assertThat(imprint.orders().get("PO-T").used()).isEqualTo(1);
    }

    @Test
    void provision_mistypedConfigKey_oneLineBeforeAnyTpmCall() throws Exception {
        Path device = Files.createDirectories(tmp.resolve("device-3"));
        Files.writeString(device.resolve("tpm2.properties"), "tcit=" + tpm.tcti() + "\n");

        CliRun run = provision(device, "SN000004");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).contains("tpm2.properties: unknown key 'tcit' (known: tcti, ek-handle, ")
                .doesNotContain("\n");
        assertThat(device.resolve("sealed")).doesNotExist();
    }

    @Test
    void provision_noTpmAtTheTcti_oneLineNamingTheTool() throws Exception {
        Path device = Files.createDirectories(tmp.resolve("device-2"));
        Files.writeString(device.resolve("tpm2.properties"), "tcti=swtpm:host=127.0.0.1,port=1\n");

        CliRun run = provision(device, "SN000003");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).startsWith("imprint: tpm2_").contains(" failed (exit 1): Could not load tcti")
                .doesNotContain("\n");
    }
}
