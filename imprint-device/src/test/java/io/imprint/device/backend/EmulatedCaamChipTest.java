package io.imprint.device.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.mp.diagnostics.MpDiagnosis;
import io.imprint.protocol.mp.diagnostics.MpDiagnostics;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmulatedCaamChipTest {
    static final String PART = "MIMX8MM6";
    static final byte[] SRK = filled(32, 0x5A);
    static final byte[] SEED = "emulated fuse seed for tests 01".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MESSAGE = "IMPRINT/ATTEST/v1 test message".getBytes(StandardCharsets.US_ASCII);

    @Test
    void publicKey_sameProductDifferentChips_isShared() throws Exception {
        EmulatedCaamChip a = EmulatedCaamChip.builder(PART, SRK, SEED).build();
        EmulatedCaamChip b = EmulatedCaamChip.builder(PART, SRK, SEED).build();
        assertThat(a.chipId()).hasSize(8).isNotEqualTo(b.chipId());
        assertThat(a.publicKey()).isEqualTo(b.publicKey());
        assertThat(a.publicKey().xy()).hasSize(64);
    }

    @Test
    void publicKey_otherSeedOrSrkOrPart_differs() throws Exception {
        EmulatedCaamChip genuine = EmulatedCaamChip.builder(PART, SRK, SEED).build();
        byte[] otherSeed = SEED.clone();
        otherSeed[0] ^= 1;
        assertThat(EmulatedCaamChip.builder(PART, SRK, otherSeed).build().publicKey()).isNotEqualTo(genuine.publicKey());
        assertThat(EmulatedCaamChip.builder(PART, filled(32, 0x5B), SEED).build().publicKey())
                .isNotEqualTo(genuine.publicKey());
        assertThat(EmulatedCaamChip.builder("MIMX8MN6", SRK, SEED).build().publicKey())
                .isNotEqualTo(genuine.publicKey());
    }

    @Test
    void sign_defaultChip_verifiesUnderZeros() throws Exception {
        EmulatedCaamChip chip = EmulatedCaamChip.builder(PART, SRK, SEED).build();
        MpSignature sig = chip.sign(MESSAGE);
        assertThat(sig.mpmr()).isEqualTo(Mpmr.ZEROS);
        assertThat(sig.rs()).hasSize(64);
        assertThatCode(() -> MpVerifier.verify(chip.publicKey(), Mpmr.ZEROS, MESSAGE, sig.rs())).doesNotThrowAnyException();
    }

    @Test
    void sign_opteeChip_verifiesUnderOpteeFillOnly() throws Exception {
        EmulatedCaamChip chip = EmulatedCaamChip.builder(PART, SRK, SEED).mpmr(Mpmr.OPTEE_FILL).build();
        MpSignature sig = chip.sign(MESSAGE);
        assertThat(sig.mpmr()).isEqualTo(Mpmr.OPTEE_FILL);
        assertThatCode(() -> MpVerifier.verify(chip.publicKey(), Mpmr.OPTEE_FILL, MESSAGE, sig.rs()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MpVerifier.verify(chip.publicKey(), Mpmr.ZEROS, MESSAGE, sig.rs()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void sign_opteeChip_diagnosedAsOpteeFill() throws Exception {
        EmulatedCaamChip chip = EmulatedCaamChip.builder(PART, SRK, SEED).mpmr(Mpmr.OPTEE_FILL).build();
        MpDiagnosis d = MpDiagnostics.diagnose(chip.publicKey(), MESSAGE, chip.sign(MESSAGE).rs(), Optional.empty(),
                Optional.empty());
        assertThat(d.signatureMpmr()).contains(Mpmr.OPTEE_FILL);
    }

    @Test
    void sign_counterfeitChip_failsUnderGenuineKey() throws Exception {
        EmulatedCaamChip genuine = EmulatedCaamChip.builder(PART, SRK, SEED).build();
        EmulatedCaamChip fake = EmulatedCaamChip.builder(PART, SRK, filled(32, 1)).build();
        byte[] rs = fake.sign(MESSAGE).rs();
        assertThatThrownBy(() -> MpVerifier.verify(genuine.publicKey(), Mpmr.ZEROS, MESSAGE, rs))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void sign_messageOver4096Bytes_throws() throws Exception {
        EmulatedCaamChip chip = EmulatedCaamChip.builder(PART, SRK, SEED).build();
        assertThatCode(() -> chip.sign(new byte[4096])).doesNotThrowAnyException();
        assertThatThrownBy(() -> chip.sign(new byte[4097])).isInstanceOf(SignatureException.class)
                .hasMessageContaining("4096");
    }

    @Test
    void fuses_givenIdAndOpen_areReported() throws Exception {
        byte[] id = HexFormat.of().parseHex("0102030405060708");
        EmulatedCaamChip chip = EmulatedCaamChip.builder(PART, SRK, SEED).chipId(id).lifecycle("open").build();
        assertThat(chip.chipId()).isEqualTo(id);
        assertThat(chip.srkHash()).isEqualTo(SRK);
        assertThat(chip.lifecycle()).isEqualTo("open");
        assertThat(EmulatedCaamChip.builder(PART, SRK, SEED).build().lifecycle()).isEqualTo("closed");
    }

    @Test
    void description_saysEmulation_andToStringLeaksNoSecret() throws Exception {
        EmulatedCaamChip chip = EmulatedCaamChip.builder(PART, SRK, SEED).build();
        assertThat(chip.description()).contains("emulat").contains("not silicon");
        assertThat(chip.toString()).doesNotContain(HexFormat.of().formatHex(SEED))
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(chip.blobKey().getEncoded()));
    }

    @Test
    void builder_badInputs_throw() {
        assertThatThrownBy(() -> EmulatedCaamChip.builder(PART, new byte[31], SEED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatedCaamChip.builder(PART, SRK, new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatedCaamChip.builder(PART, SRK, SEED).lifecycle("fused"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
