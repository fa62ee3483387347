package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order life cycle, policy flags and reconciliation through the CLI; bad input gets one line. */
class OrderCommandTest {
    private static final String KEY = "04" + "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"
            + "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5";
    @TempDir Path tmp;

    @BeforeEach
    void init() {
        assertThat(run("init").exitCode()).isZero();
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = tmp.toString();
        return CliRun.of(all);
    }

    @Test
    void order_lifecycleAndPolicy_commandsWorkAndReconciliationVerifies() {
        CliRun enroll = run("product", "enroll", "--name", "gw", "--part-number", "MIMX8MM6", "--srk-hash", "a1".repeat(32),
                "--mp-key", KEY.substring(2), "--allow-software", ">=1.0.0", "--require-metadata", "board",
                "--accept-mpmr", "zeros,optee");
        assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        assertThat(enroll.out()).contains("Policy: software >=1.0.0; metadata board; lifecycle closed; MPMR zeros,optee");
        assertThat(run("product", "policy", "--name", "gw", "--allow-software", "1.0.0,1.0.1", "--development").out())
                .contains("software 1.0.0,1.0.1").contains("closed,open (development)");
        assertThat(run("order", "create", "--name", "PO-1", "--product", "gw", "--cm", "acme", "--quantity", "5",
                "--serials", "GW0001..GW0100", "--serial-mode", "server", "--draft").out()).startsWith("Drafted order PO-1");
        assertThat(run("order", "open", "--name", "PO-1").out()).contains("Opened order PO-1: open, 0/5 used");
        assertThat(run("order", "suspend", "--name", "PO-1").out()).contains("suspended");
        assertThat(run("order", "resume", "--name", "PO-1").out()).contains("open");
        assertThat(run("order", "resize", "--name", "PO-1", "--quantity", "7").out()).contains("0/7 used");
        assertThat(run("order", "list").out()).containsPattern("PO-1\\s+gw\\s+acme\\s+open\\s+0\\s+7\\s+GW0001..GW0100\\s+server");
        CliRun close = run("order", "close", "--name", "PO-1");
        assertThat(close.out()).contains("Closed order PO-1 at 0/7").containsPattern("authorized \\(quantity\\)\\s+7")
                .contains("Signature: verified with the audit key");
        assertThat(run("order", "reconciliation", "--name", "PO-1").out()).containsPattern("provisioned \\(receipt verified\\)\\s+0")
                .containsPattern("units \\(issued or provisioned, both paths\\)\\s+0")
                .containsPattern("awaiting receipt \\(issued, never confirmed\\)\\s+0");
    }

    @Test
    void badInput_oneLineErrors() {
        CliRun mpmr = run("product", "enroll", "--name", "gw", "--part-number", "P", "--srk-hash", "a1".repeat(32),
                "--mp-key", KEY.substring(2), "--allow-software", ">=1.0.0", "--accept-mpmr", "nope");
        assertThat(mpmr.exitCode()).isEqualTo(2);
        assertThat(mpmr.err().strip()).startsWith("imprint: malformed-request: accepted MPMR").doesNotContain("\n");
        CliRun version = run("product", "policy", "--name", "gw", "--allow-software", ">=one");
        assertThat(version.err().strip()).startsWith("imprint: malformed-request: minimum software").doesNotContain("\n");
        CliRun missing = run("order", "suspend", "--name", "PO-X");
        assertThat(missing.err().strip()).isEqualTo("imprint: not-found: no order named PO-X");
        CliRun chip = run("unit", "authorize-reprovision", "--product", "gw", "--chip-id", "zz", "--reason", "RMA-1", "--by", "me");
        assertThat(chip.exitCode()).isNotZero();
        assertThat(chip.err().strip()).startsWith("imprint: ").doesNotContain("\n");
    }
}
