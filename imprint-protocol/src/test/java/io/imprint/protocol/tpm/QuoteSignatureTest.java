package io.imprint.protocol.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.testing.VectorFile;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The packed TPM2_Quote response a tpm2 device sends as its signature. */
class QuoteSignatureTest {
    static final VectorFile V = VectorFile.load("tpm-quote-v1.txt");

    @Test
    void parse_encoded_givesBothParts() {
        byte[] packed = new QuoteSignature(V.hex("attest"), V.hex("signature")).encode();

        QuoteSignature parsed = QuoteSignature.parse(packed);

        assertThat(parsed.attest()).isEqualTo(V.hex("attest"));
        assertThat(parsed.signature()).isEqualTo(V.hex("signature"));
        assertThat(Arrays.copyOf(packed, 2)).containsExactly(0, V.hex("attest").length);
    }

    @Test
    void parse_attestSizeBeyondTheData_refused() {
        byte[] packed = new QuoteSignature(V.hex("attest"), new byte[0]).encode();
        packed[1]++;

        assertThatThrownBy(() -> QuoteSignature.parse(packed)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void parse_overLimit_refused() {
        assertThatThrownBy(() -> QuoteSignature.parse(new byte[QuoteSignature.MAX_BYTES + 1]))
                .isInstanceOf(ImprintException.class).hasMessageContaining("larger than");
    }
}
