package io.imprint.protocol.mp.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class UbootSignTranscriptTest {
    static final String R = "E85E34E4BF56CAA32DA858C0279C50A7E64E1136A23E51BF7C04CDA56389EE56";
    static final String S = "4A3C7A3725E1F7DDE41396393C88136B019633ED7BB33B689B78B25E06D42538";
    static final String DIGEST = "2812EE80BF0DF25CECA9B12A8D15F28EFFED93ADB87F9E6AC4D13BEB662EA53C";
    /** Exactly what cmd_mfgprot.c prints for the KAT vector (U-Boot's puts adds no newline). */
    static final String KAT = "=> mfgprot sign 0x40480000 4\n"
            + "Message: 7A 5D 4D A3 \n"
            + "Message Representative Digest(SHA-256):\n" + DIGEST + "\n"
            + "Signature:\n" + "C:\n" + R + "\n" + "d:\n" + S + "\n" + "=> ";

    @Test
    void parse_ubootKatOutput_extractsAllParts() {
        UbootSignTranscript t = UbootSignTranscript.parse(KAT);
        assertThat(HexFormat.of().withUpperCase().formatHex(t.message())).isEqualTo("7A5D4DA3");
        assertThat(HexFormat.of().withUpperCase().formatHex(t.digest())).isEqualTo(DIGEST);
        assertThat(HexFormat.of().withUpperCase().formatHex(t.rs())).isEqualTo(R + S);
    }

    @Test
    void parse_crlfLowercaseWrappedSameLineLabels_accepted() {
        String pasted = "U-Boot 2023.04\r\nmessage: 7a 5d\r\n 4d a3 \r\nmessage representative digest(sha-256): "
                + DIGEST.toLowerCase() + "\r\nsignature:\r\nc: " + R.toLowerCase() + "\r\nd: " + S.toLowerCase() + "\r\n";
        UbootSignTranscript t = UbootSignTranscript.parse(pasted);
        assertThat(t.message()).containsExactly(0x7A, 0x5D, 0x4D, 0xA3);
        assertThat(HexFormat.of().withUpperCase().formatHex(t.rs())).isEqualTo(R + S);
    }

    @Test
    void parse_missingSignature_throwsNamingThePart() {
        String noD = KAT.substring(0, KAT.indexOf("d:"));
        assertThatThrownBy(() -> UbootSignTranscript.parse(noD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'d:'");
    }

    @Test
    void parse_missingMessage_throws() {
        assertThatThrownBy(() -> UbootSignTranscript.parse(KAT.replace("Message: 7A 5D 4D A3", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Message");
    }

    @Test
    void parse_shortDigest_throws() {
        assertThatThrownBy(() -> UbootSignTranscript.parse(KAT.replace(DIGEST, DIGEST.substring(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digest must be 64 hex digits");
    }

    @Test
    void parse_badMessageByte_throws() {
        assertThatThrownBy(() -> UbootSignTranscript.parse(KAT.replace("4D A3", "4D XZ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("byte 4");
    }

    @Test
    void parse_oversizedInput_throws() {
        String huge = KAT + " ".repeat(UbootSignTranscript.MAX_CHARS);
        assertThatThrownBy(() -> UbootSignTranscript.parse(huge))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
    }
}
