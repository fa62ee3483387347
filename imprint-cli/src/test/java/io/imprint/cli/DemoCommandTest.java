package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job, end to end over TLS on loopback with emulated devices and the embedded store. */
class DemoCommandTest {
    @TempDir Path tmp;

    @Test
    void demo_smallRun_provisionsAllAndRefusesEveryAttackWithItsCode() throws Exception {
        Path data = tmp.resolve("demo");
        CliRun run = CliRun.of("demo", "--devices", "12", "--stations", "4", "--data-dir", data.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("EMULATED i.MX")
                .contains("replayed message   refused: nonce-used (409)")
                .contains("clone              refused: serial-in-use (409)")
                .contains("overproduction     refused: quota-exhausted (409)")
                .contains("counterfeit        refused: bad-signature (403)")
                .contains("wrong SRK hash     refused: srk-mismatch (403)")
                .contains("tampered message   refused: bad-signature (403)")
                .contains("outdated firmware  refused: policy-violation (403)")
                .contains("hash-chained entries verified")
                .containsPattern("provisioned \\(receipt verified\\)\\s+12")
                .containsPattern("issued, never confirmed\\s+0")
                .contains("Data lives in " + data);
        assertThat(data.resolve("imprint.db")).exists();
        try (var devices = Files.list(data.resolve("devices"))) {
            assertThat(devices.count()).as("one blob directory per provisioned device").isGreaterThanOrEqualTo(12);
        }
    }

    @Test
    void demo_nonEmptyDataDir_refusedWithOneLine() throws Exception {
        Files.writeString(tmp.resolve("something"), "x");
        CliRun run = CliRun.of("demo", "--devices", "2", "--data-dir", tmp.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).startsWith("imprint: ").contains("not empty").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void demo_zeroDevices_refused() {
        CliRun run = CliRun.of("demo", "--devices", "0");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--devices must be 1..100000");
    }
}
