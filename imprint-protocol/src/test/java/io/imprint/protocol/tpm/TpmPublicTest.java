package io.imprint.protocol.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.testing.VectorFile;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** TPMT_PUBLIC parsing of the real EK and AK public areas, and its limits. */
class TpmPublicTest {
    static final VectorFile V = VectorFile.load("tpm-quote-v1.txt");

    @Test
    void parse_rsaEk_standardTemplate() {
        TpmPublic ek = TpmPublic.parseTpm2b(V.hex("ekPublic"));

        assertThat(ek.type()).isEqualTo(TpmAlg.RSA);
        assertThat(ek.nameAlg()).isEqualTo(TpmAlg.SHA256);
        assertThat(ek.keyBits()).isEqualTo(2048);
        assertThat(ek.symmetric()).isEqualTo(new TpmPublic.SymmetricDef(TpmAlg.AES, 128, TpmAlg.CFB));
        assertThat(ek.has(TpmPublic.RESTRICTED | TpmPublic.DECRYPT | TpmPublic.FIXED_TPM)).isTrue();
        assertThat(ek.has(TpmPublic.SIGN)).isFalse();
    }

    @Test
    void parse_eccAk_restrictedSigningKey() {
        TpmPublic ak = TpmPublic.parseTpm2b(V.hex("akPublic"));

        assertThat(ak.type()).isEqualTo(TpmAlg.ECC);
        assertThat(ak.curve()).isEqualTo(TpmAlg.ECC_NIST_P256);
        assertThat(ak.scheme()).isEqualTo(new TpmPublic.Scheme(TpmAlg.ECDSA, TpmAlg.SHA256));
        assertThat(ak.has(TpmPublic.RESTRICTED | TpmPublic.SIGN | TpmPublic.FIXED_TPM)).isTrue();
    }

    @Test
    void parse_sizeFieldLargerThanTheData_refused() {
        byte[] ak = V.hex("akPublic");
        ak[1]++;

        assertThatThrownBy(() -> TpmPublic.parseTpm2b(ak)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void parse_trailingByte_refused() {
        byte[] ak = V.hex("akPublic");
        byte[] longer = Arrays.copyOf(ak, ak.length + 1);

        assertThatThrownBy(() -> TpmPublic.parseTpm2b(longer)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void parse_overLimit_refused() {
        assertThatThrownBy(() -> TpmPublic.parseTpm2b(new byte[TpmPublic.MAX_BYTES + 1]))
                .isInstanceOf(ImprintException.class).hasMessageContaining("larger than");
    }

    @Test
    void publicKey_eccPointOffTheCurve_refused() {
        byte[] ak = V.hex("akPublic");
        ak[ak.length - 1] ^= 1;

        assertThatThrownBy(() -> TpmPublic.parseTpm2b(ak).publicKey())
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }
}
