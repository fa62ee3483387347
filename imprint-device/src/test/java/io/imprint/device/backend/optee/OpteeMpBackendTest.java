package io.imprint.device.backend.optee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.backend.MpSignature;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real FFM binding against the libteec test double (an emulation of OP-TEE's MP PTA). */
class OpteeMpBackendTest {
    private static final byte[] SRK = new byte[32];
    @TempDir Path tmp;

    @Test
    void sign_doubleChip_verifiesWithTheReportedOpteeFillAndNotWithZeros() throws Exception {
        try (Libteec lib = TeecDoubles.load(tmp.resolve("a"), TeecDoubles.chip(Providers.randomBytes(32), SRK))) {
            OpteeMpBackend mp = new OpteeMpBackend(lib);
            byte[] message = "evidence bytes".getBytes(StandardCharsets.US_ASCII);

            MpSignature sig = mp.sign(message);

            assertThat(sig.mpmr()).isEqualTo(Mpmr.OPTEE_FILL);
            assertThat(sig.rs()).hasSize(64);
            MpVerifier.verify(mp.publicKey(), sig.mpmr(), message, sig.rs());
            assertThatThrownBy(() -> MpVerifier.verify(mp.publicKey(), Mpmr.ZEROS, message, sig.rs()))
                    .isInstanceOf(SignatureException.class);
        }
    }

    @Test
    void publicKey_chipsSharingASeedShareTheKeyAndAnotherSeedDiffers() throws Exception {
        byte[] seed = Providers.randomBytes(32);
        try (Libteec a = TeecDoubles.load(tmp.resolve("a"), TeecDoubles.chip(seed, SRK));
             Libteec b = TeecDoubles.load(tmp.resolve("b"), TeecDoubles.chip(seed, SRK));
             Libteec c = TeecDoubles.load(tmp.resolve("c"), TeecDoubles.chip(Providers.randomBytes(32), SRK))) {
            MpPublicKey ka = new OpteeMpBackend(a).publicKey();

            assertThat(new OpteeMpBackend(b).publicKey()).isEqualTo(ka);
            assertThat(new OpteeMpBackend(c).publicKey()).isNotEqualTo(ka);
            MpSignature fromB = new OpteeMpBackend(b).sign(new byte[] {1, 2, 3});
            MpVerifier.verify(ka, fromB.mpmr(), new byte[] {1, 2, 3}, fromB.rs());
        }
    }

    @Test
    void sign_maximumMessage_signsAndOneByteMoreIsRefusedBeforeTheTee() throws Exception {
        try (Libteec lib = TeecDoubles.load(tmp.resolve("a"), TeecDoubles.chip(Providers.randomBytes(32), SRK))) {
            OpteeMpBackend mp = new OpteeMpBackend(lib);
            byte[] max = Providers.randomBytes(OpteeMpBackend.MAX_MESSAGE_BYTES);

            MpSignature sig = mp.sign(max);

            MpVerifier.verify(mp.publicKey(), sig.mpmr(), max, sig.rs());
            assertThatThrownBy(() -> mp.sign(new byte[OpteeMpBackend.MAX_MESSAGE_BYTES + 1]))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("at most 4096");
        }
    }

    @Test
    void publicKey_ptaRefusesNormalWorldSessions_namesCodeOriginAndTheOpteeSetting() throws Exception {
        EmulatedOpteeChip chip = TeecDoubles.chip(Providers.randomBytes(32), SRK).withFault(EmulatedOpteeChip.Fault.ACCESS_DENIED);
        try (Libteec lib = TeecDoubles.load(tmp.resolve("a"), chip)) {
            assertThatThrownBy(() -> new OpteeMpBackend(lib).publicKey())
                    .isInstanceOfSatisfying(TeecException.class, e -> {
                        assertThat(e.result()).isEqualTo(TeecCodes.ERROR_ACCESS_DENIED);
                        assertThat(e.origin()).isEqualTo(TeecCodes.ORIGIN_TRUSTED_APP);
                    })
                    .hasMessageContaining("TEEC_OpenSession(83268b7c-85e3-11e8-adc0-fa7ae01bbebc)")
                    .hasMessageContaining("TEEC_ERROR_ACCESS_DENIED (0xFFFF0001)")
                    .hasMessageContaining("TEEC_ORIGIN_TRUSTED_APP (4)")
                    .hasMessageContaining("CFG_NXP_CAAM_MP_NO_ACCESS_CTRL=y");
        }
    }

    @Test
    void publicKey_noTeeDevice_saysWhichDeviceAndGroup() throws Exception {
        EmulatedOpteeChip chip = TeecDoubles.chip(Providers.randomBytes(32), SRK).withFault(EmulatedOpteeChip.Fault.NO_DEVICE);
        try (Libteec lib = TeecDoubles.load(tmp.resolve("a"), chip)) {
            assertThatThrownBy(() -> new OpteeMpBackend(lib).publicKey())
                    .isInstanceOf(TeecException.class)
                    .hasMessageContaining("TEEC_InitializeContext failed: TEEC_ERROR_ITEM_NOT_FOUND (0xFFFF0008)")
                    .hasMessageContaining("/dev/tee0").hasMessageContaining("teeclnt");
        }
    }

    @Test
    void sign_linkToOpteeFails_reportsCommunicationFromComms() throws Exception {
        EmulatedOpteeChip chip = TeecDoubles.chip(Providers.randomBytes(32), SRK).withFault(EmulatedOpteeChip.Fault.COMMUNICATION);
        try (Libteec lib = TeecDoubles.load(tmp.resolve("a"), chip)) {
            assertThatThrownBy(() -> new OpteeMpBackend(lib).publicKey())
                    .isInstanceOfSatisfying(TeecException.class, e -> assertThat(e.origin()).isEqualTo(TeecCodes.ORIGIN_COMMS))
                    .hasMessageContaining("TEEC_InvokeCommand(MP get public key, command 1)")
                    .hasMessageContaining("TEEC_ERROR_COMMUNICATION (0xFFFF000E)")
                    .hasMessageContaining("TEEC_ORIGIN_COMMS (2)").hasMessageContaining("tee-supplicant");
        }
    }

    @Test
    void publicKey_p521Chip_shortBufferBecomesAClearUnsupportedCurveError() throws Exception {
        EmulatedOpteeChip chip = TeecDoubles.chip(Providers.randomBytes(32), SRK).withCurve("P-521");
        try (Libteec lib = TeecDoubles.load(tmp.resolve("a"), chip)) {
            assertThatThrownBy(() -> new OpteeMpBackend(lib).publicKey())
                    .isInstanceOf(GeneralSecurityException.class)
                    .hasMessageContaining("132 bytes, P-521")
                    .hasMessageContaining("TEEC_ERROR_SHORT_BUFFER (0xFFFF0010)");
        }
    }

    @Test
    void description_testDouble_saysItIsAnEmulation() throws Exception {
        try (Libteec lib = TeecDoubles.load(tmp.resolve("a"), TeecDoubles.chip(Providers.randomBytes(32), SRK))) {
            assertThat(new OpteeMpBackend(lib).description()).contains("EMULATION").contains("not a TEE")
                    .contains(TeecUuid.MP_PTA.toString());
        }
    }

    @Test
    void load_missingLibrary_namesThePackages() {
        assertThatThrownBy(() -> Libteec.load(tmp.resolve("none/libteec.so.1").toString()))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("libteec1").hasMessageContaining("--libteec");
    }
}
