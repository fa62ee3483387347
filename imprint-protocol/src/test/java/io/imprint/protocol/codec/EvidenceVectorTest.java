package io.imprint.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.mp.MpDigest;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.testing.DeterministicEcdsa;
import io.imprint.protocol.testing.FixedKeys;
import io.imprint.protocol.testing.VectorFile;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Recomputes {@code vectors/evidence-v1.txt} (IMPRINT/ATTEST/v1) from its inputs with the production codec. */
class EvidenceVectorTest {
    private static final VectorFile V = VectorFile.load("evidence-v1.txt");

    static Evidence inputs() throws Exception {
        TreeMap<String, String> metadata = new TreeMap<>(V.withPrefix("metadata."));
        return new Evidence(V.text("product"), V.hex("chipId"), V.text("serial"),
                new DeviceMetadata(V.hex("srkHash"), V.text("softwareVersion"), V.text("lifecycle"), metadata),
                V.hex("sessionId"), V.hex("nonce"), V.hex("deviceKey"), V.hex("csr"));
    }

    @Test
    void encode_vectorInputs_givesTheVectorEvidence() throws Exception {
        assertThat(EvidenceCodec.encode(inputs())).isEqualTo(V.hex("evidence"));
    }

    @Test
    void decode_vectorEvidence_givesTheInputs() throws Exception {
        Evidence decoded = EvidenceCodec.decode(V.hex("evidence"));
        Evidence expected = inputs();
        assertThat(decoded.product()).isEqualTo(expected.product());
        assertThat(decoded.chipId()).isEqualTo(expected.chipId());
        assertThat(decoded.serial()).isEqualTo(expected.serial());
        assertThat(decoded.metadata().srkHash()).isEqualTo(expected.metadata().srkHash());
        assertThat(decoded.metadata().extra()).isEqualTo(expected.metadata().extra());
        assertThat(decoded.deviceKey()).isEqualTo(expected.deviceKey());
        assertThat(decoded.csr()).isEqualTo(expected.csr());
    }

    @Test
    void deviceKey_vectorScalar_isItsSec1PublicKey() throws Exception {
        assertThat(EcPoints.toUncompressed((ECPublicKey) FixedKeys.p256(V.text("deviceScalar")).getPublic()))
                .isEqualTo(V.hex("deviceKey"));
    }

    @Test
    void mpSignature_vector_hasTheDigestAndVerifies() throws Exception {
        Mpmr mpmr = Mpmr.of(V.hex("mpmr"));
        byte[] evidence = V.hex("evidence");
        assertThat(MpDigest.of(mpmr, evidence)).isEqualTo(V.hex("mpDigest"));
        assertThat(MpPublicKey.fromJdkKey((ECPublicKey) FixedKeys.p256(V.text("mpScalar")).getPublic()).xy())
                .isEqualTo(V.hex("mpPublicKey"));
        assertThat(DeterministicEcdsa.signMp(new BigInteger(1, V.hex("mpScalar")), mpmr.bytes(), evidence))
                .isEqualTo(V.hex("signature"));
        assertThatCode(() -> MpVerifier.verify(MpPublicKey.fromRaw(V.hex("mpPublicKey")), mpmr, evidence,
                V.hex("signature"))).doesNotThrowAnyException();
    }
}
