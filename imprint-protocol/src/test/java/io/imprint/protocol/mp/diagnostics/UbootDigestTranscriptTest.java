package io.imprint.protocol.mp.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.mp.Mpmr;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pasted {@code mfgprot sign} output without its Signature block still names the MPMR by its digest. */
class UbootDigestTranscriptTest {
    /** NXP's known-answer vector as U-Boot prints it, cut before "Signature:", CR/LF and a prompt around it. */
    static final String WITHOUT_SIGNATURE = "=> mfgprot sign 0x40480000 4\r\n\r\n"
            + "Signing message with Manufacturing Protection Private Key\r\nMessage: 7A 5D 4D A3 \r\n"
            + "Message Representative Digest(SHA-256):\r\n"
            + "2812EE80BF0DF25CECA9B12A8D15F28EFFED93ADB87F9E6AC4D13BEB662EA53C\r\n=> ";

    @Test
    void parse_withoutSignatureBlock_readsMessageAndDigest() {
        UbootDigestTranscript t = UbootDigestTranscript.parse(WITHOUT_SIGNATURE);
        assertThat(t.message()).isEqualTo(HexFormat.of().parseHex("7A5D4DA3"));
        assertThat(MpDiagnostics.diagnoseDigest(t.message(), t.digest(), Optional.empty()).digestMpmr()).contains(Mpmr.ZEROS);
        assertThat(UbootDigestTranscript.hasSignature(WITHOUT_SIGNATURE)).isFalse();
    }

    @Test
    void parse_withSignatureBlock_ignoresIt() {
        String full = WITHOUT_SIGNATURE.replace("\r\n=> ", "\r\nSignature:\r\nC:\r\n" + "AB".repeat(32) + "\r\nd:\r\n"
                + "CD".repeat(32) + "\r\n=> ");
        assertThat(UbootDigestTranscript.parse(full).digest()).isEqualTo(UbootDigestTranscript.parse(WITHOUT_SIGNATURE).digest());
        assertThat(UbootDigestTranscript.hasSignature(full)).isTrue();
    }

    @Test
    void parse_truncatedDigest_saysSo() {
        assertThatThrownBy(() -> UbootDigestTranscript.parse(WITHOUT_SIGNATURE.replace("662EA53C", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("digest must be 64 hex digits");
        assertThatThrownBy(() -> UbootDigestTranscript.parse("Message: 7A\r\n=> "))
                .hasMessage("not U-Boot 'mfgprot sign' output: no 'Message Representative Digest(SHA-256):' line");
    }
}
