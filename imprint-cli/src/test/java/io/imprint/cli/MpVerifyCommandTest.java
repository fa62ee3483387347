package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint mp verify} on the NXP known-answer vector (shared/reference/hardware-facts.md). */
class MpVerifyCommandTest {
    static final String PUBK = "Public key:\n0139C932F04525D083E15E3236DD1DCA625B2D0B14C13BA7FAA9C50C16619CE0"
            + "F4C207AA609E4AAE586DF7FEE72F829F3B59CBF49F8F34C34ECA39EBD58E73CE\n";
    static final String R = "E85E34E4BF56CAA32DA858C0279C50A7E64E1136A23E51BF7C04CDA56389EE56";
    static final String S = "4A3C7A3725E1F7DDE41396393C88136B019633ED7BB33B689B78B25E06D42538";
    static final String TRANSCRIPT = "=> mfgprot sign 0x80000000 4\nMessage: \n7A 5D 4D A3 \n"
            + "Message Representative Digest(SHA-256):\n"
            + "2812EE80BF0DF25CECA9B12A8D15F28EFFED93ADB87F9E6AC4D13BEB662EA53C\n"
            + "Signature:\nC:\n" + R + "\nd:\n" + S + "\n=> ";

    @TempDir Path tmp;

    @Test
    void verify_ubootTranscript_saysAllZeros() throws Exception {
        Path key = Files.writeString(tmp.resolve("pubk.txt"), PUBK);
        Path transcript = Files.writeString(tmp.resolve("sign.txt"), TRANSCRIPT);
        CliRun run = CliRun.of("mp", "verify", "--mp-key", key.toString(), "--transcript", transcript.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("signature: VERIFIES with MPMR all zeros")
                .contains("digest: matches SHA-256(MPMR || message) with MPMR all zeros");
    }

    @Test
    void verify_reversedMessage_exitsThree() throws Exception {
        Path key = Files.writeString(tmp.resolve("pubk.txt"), PUBK);
        CliRun run = CliRun.of("mp", "verify", "--mp-key", key.toString(), "--message", "A34D5D7A", "--signature", R + S);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("DOES NOT VERIFY");
    }

    @Test
    void verify_digestOnly_namesTheMpmr() {
        CliRun run = CliRun.of("mp", "verify", "--mp-key", PUBK, "--message", "7A5D4DA3",
                "--digest", "2812ee80bf0df25ceca9b12a8d15f28effed93adb87f9e6ac4d13beb662ea53c");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("all zeros");
    }

    @Test
    void verify_badKey_oneLineError() {
        CliRun run = CliRun.of("mp", "verify", "--mp-key", "not-a-key", "--message", "00", "--signature", R + S);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("imprint: malformed-request: --mp-key").doesNotContain("\n");
    }
}
