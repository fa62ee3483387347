package io.imprint.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imprint.protocol.mp.MpDigest;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.testing.DeterministicEcdsa;
import io.imprint.protocol.testing.VectorFile;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Recomputes the receipt bytes and MP signature of {@code vectors/receipt-v1.txt} (IMPRINT/RECEIPT/v1). */
class ReceiptVectorTest {
    private static final VectorFile V = VectorFile.load("receipt-v1.txt");

    @Test
    void encode_vectorInputs_givesTheVectorReceipt() {
        Receipt receipt = new Receipt(V.hex("sessionId"), V.hex("chipId"), V.text("serial"), V.hex("storedDigest"));
        assertThat(ReceiptCodec.encode(receipt)).isEqualTo(V.hex("receipt"));
    }

    @Test
    void decode_vectorReceipt_givesTheInputs() {
        Receipt decoded = ReceiptCodec.decode(V.hex("receipt"));
        assertThat(decoded.sessionId()).isEqualTo(V.hex("sessionId"));
        assertThat(decoded.chipId()).isEqualTo(V.hex("chipId"));
        assertThat(decoded.serial()).isEqualTo(V.text("serial"));
        assertThat(decoded.storedDigest()).isEqualTo(V.hex("storedDigest"));
    }

    @Test
    void mpSignature_vector_hasTheDigestAndVerifies() throws Exception {
        Mpmr mpmr = Mpmr.of(V.hex("mpmr"));
        byte[] receipt = V.hex("receipt");
        assertThat(MpDigest.of(mpmr, receipt)).isEqualTo(V.hex("mpDigest"));
        assertThat(DeterministicEcdsa.signMp(new BigInteger(1, V.hex("mpScalar")), mpmr.bytes(), receipt))
                .isEqualTo(V.hex("signature"));
        assertThatCode(() -> MpVerifier.verify(MpPublicKey.fromRaw(V.hex("mpPublicKey")), mpmr, receipt,
                V.hex("signature"))).doesNotThrowAnyException();
    }
}
