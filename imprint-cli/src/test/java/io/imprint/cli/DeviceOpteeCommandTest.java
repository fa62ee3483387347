package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.backend.optee.EmulatedOpteeChip;
import io.imprint.device.backend.optee.TeecDouble;
import io.imprint.protocol.crypto.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code device chip-pubk|mp-sign --backend optee} against the libteec test double, checked by {@code mp verify}. */
class DeviceOpteeCommandTest {
    @TempDir Path tmp;
    private Path libteec;

    @BeforeEach
    void chip() throws Exception {
        Path built = TeecDouble.build(Path.of("target", "teec-double").toAbsolutePath());
        libteec = TeecDouble.installChip(built, tmp.resolve("board"),
                EmulatedOpteeChip.of(Providers.randomBytes(32), Providers.randomBytes(8), Providers.randomBytes(32)));
    }

    @Test
    void pubkAndMpSign_onTheBoard_mpVerifyNamesOpteeFill() throws Exception {
        CliRun pubk = CliRun.of("device", "chip-pubk", "--backend", "optee", "--libteec", libteec.toString());
        assertThat(pubk.exitCode()).as(pubk.err()).isZero();
        assertThat(pubk.out()).matches("(?s)Public key:\\R[0-9A-F]{128}\\R");
        Path key = Files.writeString(tmp.resolve("pubk.txt"), pubk.out());

        CliRun sign = CliRun.of("device", "mp-sign", "--backend", "optee", "--libteec", libteec.toString(), "--message", "7A5D4DA3");
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("--mpmr 756C61766F7420656C6966206874206C504D20656320524D65746E6F00006176")
                .contains("MPMR: OP-TEE fill");

        List<String> args = new ArrayList<>(List.of("mp", "verify", "--mp-key", key.toString()));
        args.addAll(List.of(sign.out().lines().findFirst().orElseThrow().split(" ")));
        CliRun verify = CliRun.of(args.toArray(String[]::new));
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("signature: VERIFIES with MPMR OP-TEE fill");
    }

    @Test
    void chipPubk_libteecMissing_oneLineNamingThePackage() {
        CliRun run = CliRun.of("device", "chip-pubk", "--backend", "optee", "--libteec", tmp.resolve("no/libteec.so.1").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).doesNotContain("\n").contains("libteec1").contains("--libteec");
    }

    @Test
    void mpSign_ptaRefusesNormalWorld_oneLineWithCodeOriginAndSetting() throws Exception {
        Path built = TeecDouble.build(Path.of("target", "teec-double").toAbsolutePath());
        Path denied = TeecDouble.installChip(built, tmp.resolve("old-optee"), EmulatedOpteeChip.of(Providers.randomBytes(32),
                Providers.randomBytes(8), Providers.randomBytes(32)).withFault(EmulatedOpteeChip.Fault.ACCESS_DENIED));

        CliRun run = CliRun.of("device", "mp-sign", "--backend", "optee", "--libteec", denied.toString(), "--message", "00");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).doesNotContain("\n").contains("TEEC_ERROR_ACCESS_DENIED (0xFFFF0001)")
                .contains("TEEC_ORIGIN_TRUSTED_APP").contains("CFG_NXP_CAAM_MP_NO_ACCESS_CTRL=y");
    }
}
