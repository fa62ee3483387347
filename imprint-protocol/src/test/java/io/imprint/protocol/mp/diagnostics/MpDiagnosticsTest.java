package io.imprint.protocol.mp.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.mp.MpDigest;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MpDiagnosticsTest {
    static final String PUBKEY = "0139C932F04525D083E15E3236DD1DCA625B2D0B14C13BA7FAA9C50C16619CE0"
            + "F4C207AA609E4AAE586DF7FEE72F829F3B59CBF49F8F34C34ECA39EBD58E73CE";
    static final byte[] MESSAGE = HexFormat.of().parseHex("7A5D4DA3");
    static final byte[] RS = HexFormat.of().parseHex(UbootSignTranscriptTest.R + UbootSignTranscriptTest.S);
    static final byte[] DIGEST = HexFormat.of().parseHex(UbootSignTranscriptTest.DIGEST);

    private static MpPublicKey kat;
    private static KeyPair other;

    @BeforeAll
    static void keys() throws Exception {
        kat = MpPublicKey.parse(PUBKEY);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        other = g.generateKeyPair();
    }

    @Test
    void diagnose_knownAnswerVector_verifiesWithZeros() {
        MpDiagnosis d = MpDiagnostics.diagnose(kat, MESSAGE, RS, Optional.empty(), Optional.of(DIGEST));
        assertThat(d.signatureMpmr()).contains(Mpmr.ZEROS);
        assertThat(d.digestMpmr()).contains(Mpmr.ZEROS);
        assertThat(d.explanation()).contains("all-zeros MPMR").contains("consistent with the signature");
    }

    @Test
    void diagnose_ubootTranscript_diagnosesAllZeros() {
        UbootSignTranscript t = UbootSignTranscript.parse(UbootSignTranscriptTest.KAT);
        MpDiagnosis d = MpDiagnostics.diagnose(kat, t, Optional.of(Mpmr.OPTEE_FILL));
        assertThat(d.tried()).containsExactly(Mpmr.OPTEE_FILL, Mpmr.ZEROS);
        assertThat(d.mpmrUsed()).contains(Mpmr.ZEROS);
    }

    @Test
    void diagnose_opteeFillSignature_diagnosesOpteeFill() throws Exception {
        byte[] message = "IMPRINT test message".getBytes();
        byte[] rs = sign(Mpmr.OPTEE_FILL, message);
        MpDiagnosis d = MpDiagnostics.diagnose(MpPublicKey.fromJdkKey((ECPublicKey) other.getPublic()), message, rs,
                Optional.empty(), Optional.of(MpDigest.of(Mpmr.OPTEE_FILL, message)));
        assertThat(d.signatureMpmr()).contains(Mpmr.OPTEE_FILL);
        assertThat(d.digestMpmr()).contains(Mpmr.OPTEE_FILL);
        assertThat(d.explanation()).contains("OP-TEE fill MPMR, not all zeros");
    }

    @Test
    void diagnose_claimedCustomMpmr_verifiesWithClaimed() throws Exception {
        Mpmr custom = Mpmr.of(Providers.randomBytes(32));
        byte[] rs = sign(custom, MESSAGE);
        MpDiagnosis d = MpDiagnostics.diagnose(MpPublicKey.fromJdkKey((ECPublicKey) other.getPublic()), MESSAGE, rs,
                Optional.of(custom), Optional.empty());
        assertThat(d.signatureMpmr()).contains(custom);
        assertThat(d.digestChecked()).isFalse();
    }

    @Test
    void diagnose_mismatchingKey_diagnosesNoneButDigestNamesZeros() throws Exception {
        MpPublicKey wrong = MpPublicKey.fromJdkKey((ECPublicKey) other.getPublic());
        MpDiagnosis d = MpDiagnostics.diagnose(wrong, MESSAGE, RS, Optional.empty(), Optional.of(DIGEST));
        assertThat(d.signatureMpmr()).isEmpty();
        assertThat(d.digestMpmr()).contains(Mpmr.ZEROS);
        assertThat(d.mpmrUsed()).contains(Mpmr.ZEROS);
        assertThat(d.explanation()).contains("none of").contains("public key or the signature is what differs");
    }

    @Test
    void diagnoseDigest_eachKnownMpmr_isIdentified() {
        assertThat(MpDiagnostics.diagnoseDigest(MESSAGE, DIGEST, Optional.empty()).digestMpmr()).contains(Mpmr.ZEROS);
        byte[] optee = MpDigest.of(Mpmr.OPTEE_FILL, MESSAGE);
        MpDiagnosis d = MpDiagnostics.diagnoseDigest(MESSAGE, optee, Optional.empty());
        assertThat(d.digestMpmr()).contains(Mpmr.OPTEE_FILL);
        assertThat(d.signatureChecked()).isFalse();
    }

    @Test
    void diagnoseDigest_otherMessage_matchesNone() {
        MpDiagnosis d = MpDiagnostics.diagnoseDigest(HexFormat.of().parseHex("A34D5D7A"), DIGEST, Optional.empty());
        assertThat(d.digestMpmr()).isEmpty();
        assertThat(d.explanation()).contains("none of the known MPMRs");
    }

    @Test
    void diagnose_wrongSignatureLength_throws() {
        assertThatThrownBy(() -> MpDiagnostics.diagnose(kat, MESSAGE, new byte[63], Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 bytes");
    }

    private static byte[] sign(Mpmr mpmr, byte[] message) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(other.getPrivate());
        s.update(mpmr.bytes());
        s.update(message);
        return s.sign();
    }
}
