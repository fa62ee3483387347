package io.imprint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imprint.protocol.crypto.Hkdf;
import io.imprint.protocol.mp.MpDigest;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.testing.DeterministicEcdsa;
import io.imprint.protocol.testing.FixedKeys;
import io.imprint.protocol.testing.VectorFile;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

/**
 * Recomputes {@code vectors/bundle-receipt-v1.txt} (IMPRINT/BUNDLE-RECEIPT/v1, its sealed content and
 * receipts-file line) with the production code, the seal's ephemeral key and IV fixed through the test seam.
 */
class BundleReceiptVectorTest {
    private static final VectorFile V = VectorFile.load("bundle-receipt-v1.txt");

    private static SignedReceipt signed() {
        return new SignedReceipt(V.hex("receipt"), Mpmr.of(V.hex("mpmr")), V.hex("signature"));
    }

    private static FixtureReceiptKey receiptKey() throws Exception {
        return new FixtureReceiptKey(FixedKeys.p256(V.text("receiptScalar")));
    }

    @Test
    void encode_vectorInputs_givesTheVectorReceipt() {
        BundleReceipt receipt = new BundleReceipt(V.hex("chipId"), V.text("serial"), V.hex("bundleId"),
                V.text("product"), V.hex("storedDigest"), V.number("appliedAt"), V.number("counter"));
        assertThat(BundleReceiptCodec.encode(receipt)).isEqualTo(V.hex("receipt"));
    }

    @Test
    void mpSignature_vector_hasTheDigestAndVerifies() throws Exception {
        Mpmr mpmr = Mpmr.of(V.hex("mpmr"));
        assertThat(MpDigest.of(mpmr, V.hex("receipt"))).isEqualTo(V.hex("mpDigest"));
        assertThat(DeterministicEcdsa.signMp(new BigInteger(1, V.hex("mpScalar")), mpmr.bytes(), V.hex("receipt")))
                .isEqualTo(V.hex("signature"));
        assertThatCode(() -> MpVerifier.verify(MpPublicKey.fromRaw(V.hex("mpPublicKey")), mpmr, V.hex("receipt"),
                V.hex("signature"))).doesNotThrowAnyException();
    }

    @Test
    void seal_vectorInputs_givesTheVectorLine() throws Exception {
        assertThat(signed().encode()).isEqualTo(V.hex("content"));
        SealedReceiptLine line = ReceiptSeal.seal(FixedKeys.p256(V.text("ephemeralScalar")), V.hex("iv"),
                receiptKey().publicKey(), signed());
        assertThat(line.ephemeralKey()).isEqualTo(V.hex("ephemeralKey"));
        assertThat(line.sealed()).isEqualTo(V.hex("sealed"));
        assertThat(line.format()).isEqualTo(V.text("line"));
    }

    @Test
    void intermediates_vector_areWhatTheProductionCodeDerives() throws Exception {
        assertThat(receiptKey().agree((ECPublicKey) FixedKeys.p256(V.text("ephemeralScalar")).getPublic()))
                .isEqualTo(V.hex("z"));
        assertThat(ReceiptSeal.info(V.hex("ephemeralKey"), V.hex("receiptKey"), V.hex("bundleId")))
                .isEqualTo(V.hex("info"));
        assertThat(Hkdf.derive(new byte[0], V.hex("z"), V.hex("info"), 32)).isEqualTo(V.hex("key"));
        assertThat(ReceiptSeal.aad(V.hex("bundleId"), V.text("serial"), V.hex("ephemeralKey"))).isEqualTo(V.hex("aad"));
    }

    @Test
    void open_vectorLine_givesTheSignedReceipt() throws Exception {
        SignedReceipt opened = ReceiptSeal.open(receiptKey(), SealedReceiptLine.parse(V.text("line")));
        assertThat(opened.encode()).isEqualTo(V.hex("content"));
        assertThat(opened.receipt().serial()).isEqualTo(V.text("serial"));
    }
}
