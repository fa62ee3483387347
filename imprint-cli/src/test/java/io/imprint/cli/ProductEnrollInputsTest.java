package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form the issue names for an MP public key enrolls the same key. */
class ProductEnrollInputsTest {
    private static final String SRK = "cd".repeat(32);
    @TempDir Path tmp;

    @BeforeEach
    void init() {
        assertThat(CliRun.of("init", "--data-dir", tmp.resolve("data").toString()).exitCode()).isZero();
    }

    private String fingerprintOfEnrollment(String name, String mpKeyArg) {
        CliRun run = CliRun.of("product", "enroll", "--data-dir", tmp.resolve("data").toString(), "--name", name,
                "--part-number", "MIMX8MM6", "--srk-hash", SRK, "--mp-key", mpKeyArg, "--allow-software", "1.0.0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().replaceAll("(?s).*MP key P256 ([0-9a-f]{16}).*", "$1");
    }

    @Test
    void enroll_ubootTranscriptHexAndRawBinary_sameKey() throws Exception {
        Path chip = tmp.resolve("reference");
        assertThat(CliRun.of("device", "chip-init", "--dir", chip.toString(), "--part-number", "MIMX8MM6",
                "--srk-hash", SRK, "--fuse-seed", "11".repeat(16)).exitCode()).isZero();
        String transcript = "=> mfgprot pubk\n" + CliRun.of("device", "chip-pubk", "--dir", chip.toString()).out() + "=> ";
        String hex = transcript.replaceAll("(?s).*Public key:\\s*([0-9A-F]{128}).*", "$1");
        Path raw = Files.write(tmp.resolve("pubk.bin"), HexFormat.of().parseHex(hex));
        Path pasted = Files.writeString(tmp.resolve("pubk.txt"), transcript);

        String fromTranscript = fingerprintOfEnrollment("p-transcript", pasted.toString());
        assertThat(fingerprintOfEnrollment("p-hex", hex.toLowerCase())).isEqualTo(fromTranscript);
        assertThat(fingerprintOfEnrollment("p-raw", raw.toString())).isEqualTo(fromTranscript);
    }

    @Test
    void enroll_mistypedKeyFile_saysNoSuchFileNotABadKey() {
        CliRun run = CliRun.of("product", "enroll", "--data-dir", tmp.resolve("data").toString(), "--name", "p1",
                "--part-number", "MIMX8MM6", "--srk-hash", SRK, "--mp-key", "pubk.tx", "--allow-software", "1.0.0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("imprint: not-found: --mp-key: no such file pubk.tx");
    }

    @Test
    void enroll_garbageKey_oneLineAndNothingEnrolled() {
        CliRun run = CliRun.of("product", "enroll", "--data-dir", tmp.resolve("data").toString(), "--name", "p1",
                "--part-number", "MIMX8MM6", "--srk-hash", SRK, "--mp-key", "not a key", "--allow-software", "1.0.0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("imprint: malformed-request: MP public key").doesNotContain("\n");
        assertThat(CliRun.of("product", "list", "--data-dir", tmp.resolve("data").toString()).out()).doesNotContain("p1");
    }
}
