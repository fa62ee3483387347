package io.imprint.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import org.junit.jupiter.api.Test;

class ReceiptCodecTest {
    @Test
    void encode_roundTrips() {
        Receipt r = new Receipt(new byte[16], new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "SN000001", new byte[32]);
        Receipt back = ReceiptCodec.decode(ReceiptCodec.encode(r));
        assertThat(back.chipIdHex()).isEqualTo("0102030405060708");
        assertThat(back.serial()).isEqualTo("SN000001");
    }

    @Test
    void decode_evidenceBytes_throws() {
        byte[] evidence = EvidenceCodec.encode(EvidenceCodecTest.sample());
        assertThatThrownBy(() -> ReceiptCodec.decode(evidence)).isInstanceOf(ImprintException.class);
    }

    @Test
    void encode_shortDigest_throws() {
        Receipt r = new Receipt(new byte[16], new byte[8], "SN000001", new byte[31]);
        assertThatThrownBy(() -> ReceiptCodec.encode(r)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("storedDigest");
    }
}
