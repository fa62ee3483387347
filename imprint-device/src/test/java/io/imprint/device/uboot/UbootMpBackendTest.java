package io.imprint.device.uboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.backend.MpSignature;
import io.imprint.device.uboot.emulator.EmulatedUbootOptions;
import io.imprint.device.uboot.emulator.EmulatedUbootOptions.Fault;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The U-Boot MP backend over the emulated console: key, signatures, MPMR from the digest, errors. */
class UbootMpBackendTest {

    @Test
    void publicKey_isTheChipsKeyAsMfgprotPrintsIt() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootMpBackend backend = board.backend()) {
            assertThat(backend.publicKey()).isEqualTo(board.chip.publicKey());
            assertThat(backend.description()).contains(board.console.path().toString()).contains("EMULATED");
        }
    }

    @Test
    void sign_zerosMpmr_verifiesAndReportsZeros() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootMpBackend backend = board.backend()) {
            for (int length : List.of(1, 4, 7, 301)) {
                byte[] message = Providers.randomBytes(length);
                MpSignature sig = backend.sign(message);
                assertThat(sig.mpmr()).isEqualTo(Mpmr.ZEROS);
                MpVerifier.verify(board.chip.publicKey(), Mpmr.ZEROS, message, sig.rs());
            }
        }
    }

    @Test
    void sign_opteeFilledMpmr_reportsTheFillNotZeros() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(Mpmr.OPTEE_FILL, EmulatedUbootOptions.defaults());
             UbootMpBackend backend = board.backend()) {
            byte[] message = HexFormat.of().parseHex("7A5D4DA3");
            MpSignature sig = backend.sign(message);
            assertThat(sig.mpmr()).isEqualTo(Mpmr.OPTEE_FILL);
            MpVerifier.verify(board.chip.publicKey(), Mpmr.OPTEE_FILL, message, sig.rs());
            assertThatThrownBy(() -> MpVerifier.verify(board.chip.publicKey(), Mpmr.ZEROS, message, sig.rs()))
                    .isInstanceOf(SignatureException.class);
        }
    }

    @Test
    void sign_messageOfFourKilobytes_isWrittenAndSignedWhole() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootMpBackend backend = board.backend()) {
            byte[] message = Providers.randomBytes(Mfgprot.MAX_MESSAGE_BYTES);
            MpVerifier.verify(board.chip.publicKey(), Mpmr.ZEROS, message, backend.sign(message).rs());
            assertThatThrownBy(() -> backend.sign(new byte[Mfgprot.MAX_MESSAGE_BYTES + 1]))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("1-4096 bytes");
        }
    }

    @Test
    void sign_caamFailure_saysNoSignatureWasPrinted() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults().withFault(Fault.CAAM_FAILURE));
             UbootMpBackend backend = board.backend()) {
            assertThatThrownBy(() -> backend.publicKey()).isInstanceOf(GeneralSecurityException.class)
                    .hasMessageStartingWith("mfgprot pubk printed no public key (last line: 'Generating Manufacturing"
                            + " Protection Public Key'): the CAAM refused");
        }
    }

    @Test
    void publicKey_uBootWithoutMfgprot_saysHowToBuildIt() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults().withFault(Fault.NO_MFGPROT));
             UbootMpBackend backend = board.backend()) {
            assertThatThrownBy(() -> backend.publicKey()).isInstanceOf(GeneralSecurityException.class)
                    .hasMessage("U-Boot has no 'mfgprot' command (build U-Boot with CONFIG_FSL_MFGPROT=y, which needs"
                            + " CONFIG_IMX_HAB on an i.MX7 or i.MX8M)");
        }
    }

    @Test
    void sign_givenLoadAddress_writesAndSignsThere() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootMpBackend backend = UbootMpBackend.attach(board.link(), EmulatedBoard.QUICK, Optional.of(0x7000_0000L))) {
            byte[] message = Providers.randomBytes(33);
            MpVerifier.verify(board.chip.publicKey(), Mpmr.ZEROS, message, backend.sign(message).rs());
        }
    }

    @Test
    void sign_loadAddressOutsideDram_saysTheBoardCrashed() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootMpBackend backend = UbootMpBackend.attach(board.link(), EmulatedBoard.QUICK, Optional.of(0x1000L))) {
            assertThatThrownBy(() -> backend.sign(new byte[8])).isInstanceOf(GeneralSecurityException.class)
                    .hasMessageStartingWith("the board crashed ('\"Synchronous Abort\" handler, esr 0x96000045') and resets:"
                            + " the address written is not usable RAM (give a --load-addr inside DRAM");
        }
    }

    @Test
    void memoryWrites_littleEndianWordsThenBytes_batchedPerLine() {
        assertThat(Mfgprot.MemoryWrites.lines(0x40480000L, HexFormat.of().parseHex("7A5D4DA301"), 240))
                .containsExactly("mw.l 0x40480000 a34d5d7a; mw.b 0x40480004 01");
        List<String> lines = Mfgprot.MemoryWrites.lines(0x40480000L, new byte[64], 60);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
        assertThat(String.join("; ", lines).split("; ")).hasSize(16);
    }

    @Test
    void mpmrOf_unknownMpmr_isRefused() throws Exception {
        byte[] message = HexFormat.of().parseHex("7A5D4DA3");
        var transcript = new io.imprint.protocol.mp.diagnostics.UbootSignTranscript(message,
                io.imprint.protocol.mp.MpDigest.of(Mpmr.of(EmulatedBoard.filled(32, 7)), message), new byte[64]);
        assertThatThrownBy(() -> UbootMpBackend.mpmrOf(transcript)).isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("the board signed over an unknown MPMR");
    }
}
