package io.imprint.protocol.mp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.spec.InvalidKeySpecException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MpPublicKeyTest {
    private static final String HEX = MpVerifierTest.PUBKEY;

    @Test
    void parse_ubootTranscript_readsKey() throws Exception {
        String transcript = "=> mfgprot pubk\nPublic key:\n" + HEX + "\n=> ";
        assertThat(MpPublicKey.parse(transcript).hex()).isEqualTo(HEX);
    }

    @Test
    void parse_lowercaseWithSpaces_readsKey() throws Exception {
        String spaced = HEX.substring(0, 64).toLowerCase() + " \n " + HEX.substring(64).toLowerCase();
        assertThat(MpPublicKey.parse(spaced).hex()).isEqualTo(HEX);
    }

    @Test
    void parse_pem_roundTrips() throws Exception {
        MpPublicKey key = MpPublicKey.parse(HEX);
        assertThat(MpPublicKey.parse(key.toPem())).isEqualTo(key);
    }

    @Test
    void fromRaw_64bytes_readsKey() throws Exception {
        assertThat(MpPublicKey.fromRaw(HexFormat.of().parseHex(HEX)).hex()).isEqualTo(HEX);
    }

    @Test
    void parse_pointOffCurve_throws() {
        String bad = HEX.substring(0, 127) + (HEX.endsWith("E") ? "F" : "E");
        assertThatThrownBy(() -> MpPublicKey.parse(bad)).isInstanceOf(InvalidKeySpecException.class)
                .hasMessageContaining("not on the curve");
    }

    @Test
    void parse_wrongLength_throws() {
        assertThatThrownBy(() -> MpPublicKey.parse(HEX.substring(0, 126))).isInstanceOf(InvalidKeySpecException.class);
    }

    @Test
    void parse_garbage_throws() {
        assertThatThrownBy(() -> MpPublicKey.parse("hello world")).isInstanceOf(InvalidKeySpecException.class);
    }

    @Test
    void parse_oversized_throws() {
        assertThatThrownBy(() -> MpPublicKey.parse("A".repeat(5000))).isInstanceOf(InvalidKeySpecException.class);
    }

    @Test
    void parse_pemWithBadBase64_invalidKeySpec() {
        // found by MpPublicKeyFuzzTest: a stray character made the PEM body invalid Base64 (was IllegalArgumentException)
        String pem = "-----BEGIN PUBLIC KEY-----\nMMIGfMA0G\n-----END PUBLIC KEY-----\n";
        assertThatThrownBy(() -> MpPublicKey.parse(pem)).isInstanceOf(InvalidKeySpecException.class)
                .hasMessageContaining("Base64");
    }
}
