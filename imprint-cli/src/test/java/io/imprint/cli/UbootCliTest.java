package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.EmulatedChipFile;
import io.imprint.protocol.mp.MpDigest;
import io.imprint.protocol.mp.Mpmr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --from-uboot} end to end: the emulated U-Boot console started by {@code imprint device
 * uboot-emulator} on a pseudo-terminal, and the commands that open it as a serial port.
 */
class UbootCliTest {
    private static final String SRK = "ab".repeat(32);
    @TempDir Path tmp;

    private Path chip(String name, boolean optee) {
        Path dir = tmp.resolve(name);
        CliRun run = optee
                ? CliRun.of("device", "chip-init", "--dir", dir.toString(), "--part-number", "MIMX8MM6", "--srk-hash", SRK,
                        "--fuse-seed", "22".repeat(16), "--optee-mpmr")
                : CliRun.of("device", "chip-init", "--dir", dir.toString(), "--part-number", "MIMX8MM6", "--srk-hash", SRK,
                        "--fuse-seed", "22".repeat(16));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return dir;
    }

    private final List<Thread> emulators = new ArrayList<>();

    /** Runs {@code imprint device uboot-emulator} on a thread of its own until the test ends; returns its link. */
    private Path emulator(Path chip, String... extra) throws Exception {
        Path link = tmp.resolve("tty-" + chip.getFileName());
        List<String> args = new ArrayList<>(List.of("device", "uboot-emulator", "--dir", chip.toString(), "--link",
                link.toString(), "--for", "60"));
        args.addAll(List.of(extra));
        AtomicReference<CliRun> result = new AtomicReference<>();
        Thread running = Thread.ofPlatform().start(() -> result.set(CliRun.of(args.toArray(String[]::new))));
        emulators.add(running);
        for (int i = 0; i < 200 && !Files.isSymbolicLink(link); i++) {
            assertThat(result.get()).as("the emulator stopped early").isNull();
            Thread.sleep(50);
        }
        assertThat(Files.isSymbolicLink(link)).as("link " + link).isTrue();
        return link;
    }

    /** Ctrl-C for the emulator: its wait ends, it closes the pty and removes the link. */
    @AfterEach
    void stopEmulators() throws Exception {
        for (Thread t : emulators) {
            t.interrupt();
            t.join(10_000);
            assertThat(t.isAlive()).as("emulator still running").isFalse();
        }
        assertThat(Files.list(tmp).filter(Files::isSymbolicLink)).as("links left behind").isEmpty();
    }

    @Test
    void enroll_fromUboot_enrollsTheReferenceChipsKeyWithoutCopyPaste() throws Exception {
        Path ref = chip("reference", false);
        Path port = emulator(ref);
        Path data = tmp.resolve("data");
        assertThat(CliRun.of("init", "--data-dir", data.toString()).exitCode()).isZero();

        CliRun run = CliRun.of("product", "enroll", "--data-dir", data.toString(), "--name", "gateway-x",
                "--part-number", "MIMX8MM6", "--srk-hash", SRK, "--from-uboot", port.toString(), "--allow-software", "1.0.0");

        String fingerprint = EmulatedChipFile.load(ref).publicKey().fingerprint().substring(0, 16);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Read the MP public key P256 " + fingerprint + " from i.MX CAAM MP over the U-Boot"
                + " console on " + port + " at 115200 baud (U-Boot 2024.04-imprint (EMULATED U-Boot console")
                .contains("Enrolled gateway-x (MIMX8MM6), methods caam-mp, MP key P256 " + fingerprint);
        assertThat(CliRun.of("product", "list", "--data-dir", data.toString()).out()).contains(fingerprint);
    }

    @Test
    void mpVerify_fromUboot_opteeBoard_namesTheOpteeFill() throws Exception {
        Path port = emulator(chip("optee-board", true));

        CliRun run = CliRun.of("mp", "verify", "--from-uboot", port.toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("Board: i.MX CAAM MP over the U-Boot console")
                .contains("signature: VERIFIES with MPMR OP-TEE fill")
                .contains("digest: matches SHA-256(MPMR || message) with MPMR OP-TEE fill");
    }

    @Test
    void mpVerify_fromUboot_otherProductsKey_saysNotThisKeyAndExitsThree() throws Exception {
        Path port = emulator(chip("board", false));
        EmulatedCaamChip other = EmulatedCaamChip.builder("MIMX8MM6", HexFormat.of().parseHex(SRK), new byte[16]).build();

        CliRun run = CliRun.of("mp", "verify", "--from-uboot", port.toString(), "--mp-key", other.publicKey().hex());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("The board's MP key is NOT --mp-key")
                .contains("signature: DOES NOT VERIFY with any tried MPMR")
                .contains("digest: matches SHA-256(MPMR || message) with MPMR all zeros");
    }

    @Test
    void enroll_fromUboot_boardWithoutMfgprot_oneLineAndNothingEnrolled() throws Exception {
        Path port = emulator(chip("old-uboot", false), "--fault", "no-mfgprot");
        Path data = tmp.resolve("data");
        assertThat(CliRun.of("init", "--data-dir", data.toString()).exitCode()).isZero();

        CliRun run = CliRun.of("product", "enroll", "--data-dir", data.toString(), "--name", "gateway-x",
                "--part-number", "MIMX8MM6", "--srk-hash", SRK, "--from-uboot", port.toString(), "--allow-software", "1.0.0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("imprint: U-Boot has no 'mfgprot' command (build U-Boot with"
                + " CONFIG_FSL_MFGPROT=y, which needs CONFIG_IMX_HAB on an i.MX7 or i.MX8M)");
        assertThat(CliRun.of("product", "list", "--data-dir", data.toString()).out()).doesNotContain("gateway-x");
    }

    @Test
    void mpVerify_fromUboot_silentBoard_timesOutInOneLine() throws Exception {
        Path port = emulator(chip("dead-board", false), "--fault", "silent");

        CliRun run = CliRun.of("mp", "verify", "--from-uboot", port.toString(), "--console-timeout", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("imprint: no answer from the board on " + port + " at 115200 baud within"
                + " 1 s: is it powered, is this its console port (TX/RX not swapped) and the baud rate right?");
    }

    @Test
    void mpVerify_missingPort_saysNoSuchPort() {
        CliRun run = CliRun.of("mp", "verify", "--from-uboot", tmp.resolve("ttyUSB9").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("imprint: no serial port " + tmp.resolve("ttyUSB9")).doesNotContain("\n");
    }

    @Test
    void mpVerify_pastedTranscriptWithoutSignatureOrKey_namesTheMpmrByItsDigest() throws Exception {
        byte[] message = HexFormat.of().parseHex("7A5D4DA3");
        for (Mpmr mpmr : List.of(Mpmr.ZEROS, Mpmr.OPTEE_FILL)) {
            String pasted = "=> mfgprot sign 0x40480000 4\r\n\r\nSigning message with Manufacturing Protection Private Key\r\n"
                    + "Message: 7A 5D 4D A3 \r\nMessage Representative Digest(SHA-256):\r\n"
                    + HexFormat.of().withUpperCase().formatHex(MpDigest.of(mpmr, message)) + "\r\n";
            Path file = Files.writeString(tmp.resolve("pasted.txt"), pasted);

            CliRun run = CliRun.of("mp", "verify", "--transcript", file.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("The transcript has no Signature block: only the printed digest is checked.")
                    .contains("digest: matches SHA-256(MPMR || message) with MPMR " + mpmr.describe() + " (" + mpmr.hex() + ")");
        }
    }

    @Test
    void mpVerify_pastedTranscriptWithSignatureButNoKey_checksTheDigestAndSaysSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("sign.txt"), MpVerifyCommandTest.TRANSCRIPT);
        CliRun run = CliRun.of("mp", "verify", "--transcript", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("No --mp-key: the signature is not checked, only the printed digest.")
                .contains("with MPMR all zeros").doesNotContain("signature: VERIFIES");
    }

    @Test
    void mpVerify_pastedDigestOfUnknownMpmr_exitsThree() throws Exception {
        byte[] message = HexFormat.of().parseHex("7A5D4DA3");
        String pasted = "Message: 7A 5D 4D A3\nMessage Representative Digest(SHA-256):\n"
                + HexFormat.of().formatHex(MpDigest.of(Mpmr.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}), message)) + "\n=> ";
        CliRun run = CliRun.of("mp", "verify", "--transcript", Files.writeString(tmp.resolve("p.txt"), pasted).toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("digest: matches no tried MPMR");
    }

    @Test
    void emulator_badFault_oneLine() throws Exception {
        CliRun run = CliRun.of("device", "uboot-emulator", "--dir", chip("c", false).toString(), "--fault", "melt");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("imprint: malformed-request: --fault must be none, no-mfgprot, caam-failure,"
                + " hang or silent");
    }
}
