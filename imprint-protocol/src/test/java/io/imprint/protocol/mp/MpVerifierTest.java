package io.imprint.protocol.mp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SignatureException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The NXP mp-verification-tool known-answer vector from shared/reference/hardware-facts.md. */
class MpVerifierTest {
    private static final HexFormat HEX = HexFormat.of();
    static final String PUBKEY = "0139C932F04525D083E15E3236DD1DCA625B2D0B14C13BA7FAA9C50C16619CE0"
            + "F4C207AA609E4AAE586DF7FEE72F829F3B59CBF49F8F34C34ECA39EBD58E73CE";
    static final byte[] MESSAGE = HEX.parseHex("7A5D4DA3");
    static final byte[] SIGNATURE = HEX.parseHex("E85E34E4BF56CAA32DA858C0279C50A7E64E1136A23E51BF7C04CDA56389EE56"
            + "4A3C7A3725E1F7DDE41396393C88136B019633ED7BB33B689B78B25E06D42538");

    @Test
    void digest_knownAnswer_matches() {
        assertThat(HEX.formatHex(MpDigest.of(Mpmr.ZEROS, MESSAGE)))
                .isEqualTo("2812ee80bf0df25ceca9b12a8d15f28effed93adb87f9e6ac4d13beb662ea53c");
    }

    @Test
    void verify_knownAnswer_passes() throws Exception {
        MpPublicKey key = MpPublicKey.parse(PUBKEY);
        assertThatCode(() -> MpVerifier.verify(key, Mpmr.ZEROS, MESSAGE, SIGNATURE)).doesNotThrowAnyException();
    }

    @Test
    void verify_messageReversed_throws() throws Exception {
        MpPublicKey key = MpPublicKey.parse(PUBKEY);
        byte[] reversed = HEX.parseHex("A34D5D7A");
        assertThatThrownBy(() -> MpVerifier.verify(key, Mpmr.ZEROS, reversed, SIGNATURE))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void verify_mpmrOmitted_throws() throws Exception {
        MpPublicKey key = MpPublicKey.parse(PUBKEY);
        java.security.Signature plain = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        plain.initVerify(key.jdkKey());
        plain.update(MESSAGE);
        assertThat(plain.verify(SIGNATURE)).isFalse();
    }

    @Test
    void verify_mpmrAppendedAfterMessage_throws() throws Exception {
        MpPublicKey key = MpPublicKey.parse(PUBKEY);
        java.security.Signature plain = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        plain.initVerify(key.jdkKey());
        plain.update(MESSAGE);
        plain.update(new byte[32]);
        assertThat(plain.verify(SIGNATURE)).isFalse();
    }

    @Test
    void verify_withJdkP1363_agreesWithBouncyCastle() throws Exception {
        MpPublicKey key = MpPublicKey.parse(PUBKEY);
        java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        jdk.initVerify(key.jdkKey());
        jdk.update(new byte[32]);
        jdk.update(MESSAGE);
        assertThat(jdk.verify(SIGNATURE)).isTrue();
    }

    @Test
    void verify_opteeMpmr_throws() throws Exception {
        MpPublicKey key = MpPublicKey.parse(PUBKEY);
        assertThatThrownBy(() -> MpVerifier.verify(key, Mpmr.OPTEE_FILL, MESSAGE, SIGNATURE))
                .isInstanceOf(SignatureException.class).hasMessageContaining("OP-TEE fill");
    }

    @Test
    void verify_truncatedSignature_throws() throws Exception {
        MpPublicKey key = MpPublicKey.parse(PUBKEY);
        assertThatThrownBy(() -> MpVerifier.verify(key, Mpmr.ZEROS, MESSAGE, java.util.Arrays.copyOf(SIGNATURE, 63)))
                .isInstanceOf(SignatureException.class).hasMessageContaining("64 bytes");
    }
}
