package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.cli.backend.VendorCa;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Products' attestation methods and trust roots through the CLI, on a local data directory. */
class ProductMethodsCommandTest {
    @TempDir Path tmp;
    private String data;
    private Path root;

    @BeforeEach
    void init() throws Exception {
        data = tmp.resolve("data").toString();
        assertThat(CliRun.of("init", "--data-dir", data).exitCode()).isZero();
        VendorCa vendor = VendorCa.create("Test SE vendor root");
        root = Files.writeString(tmp.resolve("vendor-root.pem"), vendor.certificatePem());
    }

    @Test
    void enroll_seMethodWithTrustRoot_listedWithMethodAndRoot() throws Exception {
        CliRun enroll = CliRun.of("product", "enroll", "--data-dir", data, "--name", "sensor-se", "--part-number",
                "SE050", "--method", "pkcs11-se", "--trust-root", "pkcs11-se=" + root, "--allow-software", "1.0.0");
        assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        assertThat(enroll.out()).contains("methods pkcs11-se").doesNotContain("MP key");
        CliRun list = CliRun.of("product", "list", "--data-dir", data);
        assertThat(list.out()).contains("sensor-se").contains("pkcs11-se");
        CliRun roots = CliRun.of("product", "trust-root", "list", "--data-dir", data, "--name", "sensor-se");
        assertThat(roots.out()).contains("pkcs11-se").contains("CN=Test SE vendor root");
    }

    @Test
    void trustRoot_addTwiceThenRemove_conflictThenGone() throws Exception {
        assertThat(CliRun.of("product", "enroll", "--data-dir", data, "--name", "sensor-se", "--part-number", "SE050",
                "--method", "pkcs11-se").exitCode()).isZero();
        CliRun add = CliRun.of("product", "trust-root", "add", "--data-dir", data, "--name", "sensor-se",
                "--method", "pkcs11-se", "--certificate", root.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        String fingerprint = add.out().replaceAll("(?s).*trust root ([0-9a-f]{64}).*", "$1");
        CliRun again = CliRun.of("product", "trust-root", "add", "--data-dir", data, "--name", "sensor-se",
                "--method", "pkcs11-se", "--certificate", root.toString());
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).startsWith("imprint: conflict: ").hasLineCount(1);
        CliRun removed = CliRun.of("product", "trust-root", "remove", "--data-dir", data, "--name", "sensor-se",
                "--method", "pkcs11-se", "--fingerprint", fingerprint);
        assertThat(removed.out()).contains("0 trust roots left");
    }

    @Test
    void trustRoot_forMethodNotAccepted_refusedInOneLine() {
        assertThat(CliRun.of("product", "enroll", "--data-dir", data, "--name", "sensor-se", "--part-number", "SE050",
                "--method", "pkcs11-se").exitCode()).isZero();
        CliRun add = CliRun.of("product", "trust-root", "add", "--data-dir", data, "--name", "sensor-se",
                "--method", "tpm2", "--certificate", root.toString());
        assertThat(add.exitCode()).isNotZero();
        assertThat(add.err()).contains("does not accept tpm2").hasLineCount(1);
    }

    @Test
    void methodAdd_caamMpWithoutMpKey_refusedAndMethodsUnchanged() {
        assertThat(CliRun.of("product", "enroll", "--data-dir", data, "--name", "sensor-se", "--part-number", "SE050",
                "--method", "pkcs11-se").exitCode()).isZero();
        CliRun add = CliRun.of("product", "method", "add", "--data-dir", data, "--name", "sensor-se", "--method",
                "caam-mp");
        assertThat(add.exitCode()).isNotZero();
        assertThat(add.err()).contains("caam-mp needs the product's MP public key").hasLineCount(1);
        CliRun tpm = CliRun.of("product", "method", "add", "--data-dir", data, "--name", "sensor-se", "--method", "tpm2");
        assertThat(tpm.out()).contains("sensor-se accepts tpm2, pkcs11-se");
        CliRun removed = CliRun.of("product", "method", "remove", "--data-dir", data, "--name", "sensor-se",
                "--method", "pkcs11-se");
        assertThat(removed.out()).contains("sensor-se accepts tpm2");
    }

    @Test
    void enroll_defaultMethodWithoutMpKey_refusedInOneLine() {
        CliRun run = CliRun.of("product", "enroll", "--data-dir", data, "--name", "gw", "--part-number", "MIMX8MM6");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("needs --srk-hash and --mp-key").hasLineCount(1);
        assertThat(CliRun.of("product", "list", "--data-dir", data).out()).doesNotContain("gw");
    }

    @Test
    void backend_notBuiltOrUnknown_oneLineErrors() {
        CliRun tpm = CliRun.of("device", "provision", "--backend", "uboot", "--dir", tmp.toString(), "--server",
                "https://127.0.0.1:1", "--server-fingerprint", "00".repeat(32), "--product", "gw");
        assertThat(tpm.exitCode()).isEqualTo(2);
        assertThat(tpm.err()).contains("backend 'uboot' is not built into this imprint yet").hasLineCount(1);
        CliRun unknown = CliRun.of("demo", "--backend", "nfc-tag");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown backend 'nfc-tag' (available: caam-emulated").hasLineCount(1);
    }
}
