package io.imprint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import org.junit.jupiter.api.Test;

class ReceiptLineTest {
    private static BundleReceipt receipt() {
        return new BundleReceipt(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "SN1", new byte[16], "widget", new byte[32], 1_700_000_000L, 0);
    }

    @Test
    void format_parse_roundTrips() {
        byte[] encoded = BundleReceiptCodec.encode(receipt());
        ReceiptLine line = new ReceiptLine(encoded, Mpmr.OPTEE_FILL, new byte[64]);
        ReceiptLine parsed = ReceiptLine.parse(line.format() + "\r");
        assertThat(parsed.receiptBytes()).isEqualTo(encoded);
        assertThat(parsed.mpmr()).isEqualTo(Mpmr.OPTEE_FILL);
        assertThat(BundleReceiptCodec.decode(parsed.receiptBytes())).usingRecursiveComparison().isEqualTo(receipt());
    }

    @Test
    void encode_receipt_startsWithItsContext() {
        assertThat(new String(BundleReceiptCodec.encode(receipt()), 0, 25, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("IMPRINT/BUNDLE-RECEIPT/v1");
    }

    @Test
    void parse_garbage_throwsBadReceipt() {
        assertThatThrownBy(() -> ReceiptLine.parse("imprint-bundle-receipt-v1 !!! 00 00"))
                .isInstanceOf(ImprintException.class)
                .extracting(e -> ((ImprintException) e).code()).isEqualTo(ProblemCode.BAD_RECEIPT);
        assertThatThrownBy(() -> ReceiptLine.parse("x".repeat(2000))).hasMessageContaining("longer than");
    }

    @Test
    void decode_networkedReceiptContext_throwsBadReceipt() {
        byte[] other = io.imprint.protocol.codec.CanonicalWriter.start("IMPRINT/RECEIPT/v1").toByteArray();
        assertThatThrownBy(() -> BundleReceiptCodec.decode(other)).isInstanceOf(ImprintException.class);
    }
}
