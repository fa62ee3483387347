package io.imprint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ReceiptSealTest {
    private static final byte[] BUNDLE_ID = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

    private static byte[] receipt(String serial) {
        return BundleReceiptCodec.encode(new BundleReceipt(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, serial, BUNDLE_ID,
                "widget", new byte[32], 1_700_000_000L, 0));
    }

    @Test
    void seal_open_roundTrips() throws Exception {
        FixtureMpKey mp = new FixtureMpKey();
        FixtureReceiptKey oem = new FixtureReceiptKey();
        byte[] msg = receipt("SN1");
        SignedReceipt signed = new SignedReceipt(msg, Mpmr.OPTEE_FILL, mp.sign(Mpmr.OPTEE_FILL, msg));
        String line = ReceiptSeal.seal(oem.publicKey(), signed).format();
        assertThat(line).startsWith("imprint-bundle-receipt-v2 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf SN1 ");
        SignedReceipt opened = ReceiptSeal.open(oem, SealedReceiptLine.parse(line + "\r"));
        assertThat(opened.receiptBytes()).isEqualTo(msg);
        assertThat(opened.mpmr()).isEqualTo(Mpmr.OPTEE_FILL);
        assertThat(opened.signature()).isEqualTo(signed.signature());
    }

    @Test
    void open_otherRecipientKey_throws() throws Exception {
        byte[] msg = receipt("SN1");
        SealedReceiptLine line = ReceiptSeal.seal(new FixtureReceiptKey().publicKey(),
                new SignedReceipt(msg, Mpmr.ZEROS, new byte[64]));
        assertThatThrownBy(() -> ReceiptSeal.open(new FixtureReceiptKey(), line))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void open_tamperedCiphertextOrClearField_throws() throws Exception {
        FixtureReceiptKey oem = new FixtureReceiptKey();
        String line = ReceiptSeal.seal(oem.publicKey(), new SignedReceipt(receipt("SN1"), Mpmr.ZEROS, new byte[64]))
                .format();
        String[] f = line.split(" ");
        byte[] sealed = Base64.getDecoder().decode(f[4]);
        sealed[20] ^= 1;
        String flipped = String.join(" ", f[0], f[1], f[2], f[3], Base64.getEncoder().encodeToString(sealed));
        assertThatThrownBy(() -> ReceiptSeal.open(oem, SealedReceiptLine.parse(flipped)))
                .isInstanceOf(GeneralSecurityException.class);
        String otherSerial = String.join(" ", f[0], f[1], "SN2", f[3], f[4]);
        assertThatThrownBy(() -> ReceiptSeal.open(oem, SealedReceiptLine.parse(otherSerial)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void parse_clearV1Line_throwsBadReceiptNamingTheReason() {
        assertThatThrownBy(() -> SealedReceiptLine.parse("imprint-bundle-receipt-v1 AAAA 00 00"))
                .isInstanceOf(ImprintException.class).hasMessageContaining("recovered")
                .extracting(e -> ((ImprintException) e).code()).isEqualTo(ProblemCode.BAD_RECEIPT);
    }

    @Test
    void parse_garbageOrTooLong_throwsBadReceipt() {
        assertThatThrownBy(() -> SealedReceiptLine.parse("imprint-bundle-receipt-v2 !!! SN1 x y"))
                .isInstanceOf(ImprintException.class).hasMessageContaining("not a");
        assertThatThrownBy(() -> SealedReceiptLine.parse("x".repeat(2000))).hasMessageContaining("longer than");
    }

    @Test
    void encode_receipt_startsWithItsContext() {
        assertThat(new String(receipt("SN1"), 0, 25, StandardCharsets.US_ASCII)).isEqualTo("IMPRINT/BUNDLE-RECEIPT/v1");
    }

    @Test
    void decode_networkedReceiptContext_throwsBadReceipt() {
        byte[] other = io.imprint.protocol.codec.CanonicalWriter.start("IMPRINT/RECEIPT/v1").toByteArray();
        assertThatThrownBy(() -> BundleReceiptCodec.decode(other)).isInstanceOf(ImprintException.class);
    }
}
