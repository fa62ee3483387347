package io.imprint.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EvidenceCodecTest {
    static Evidence sample() {
        TreeMap<String, String> extra = new TreeMap<>();
        extra.put("board", "evk-rev-b");
        extra.put("station", "line-3");
        byte[] key = new byte[65];
        key[0] = 0x04;
        Arrays.fill(key, 1, 65, (byte) 0x11);
        return new Evidence("gateway-x", HexFormat.of().parseHex("0123456789ABCDEF"), "SN000042",
                new DeviceMetadata(new byte[32], "1.4.2", "closed", extra),
                new byte[16], new byte[32], key, new byte[] {0x30, 0x00});
    }

    @Test
    void encode_sample_startsWithContextAndRoundTrips() {
        byte[] encoded = EvidenceCodec.encode(sample());
        assertThat(new String(encoded, 0, EvidenceCodec.CONTEXT.length(), StandardCharsets.US_ASCII))
                .isEqualTo(EvidenceCodec.CONTEXT);
        Evidence decoded = EvidenceCodec.decode(encoded);
        assertThat(decoded.product()).isEqualTo("gateway-x");
        assertThat(decoded.chipIdHex()).isEqualTo("0123456789ABCDEF");
        assertThat(decoded.serial()).isEqualTo("SN000042");
        assertThat(decoded.metadata().extra()).containsEntry("board", "evk-rev-b").containsEntry("station", "line-3");
        assertThat(EvidenceCodec.encode(decoded)).isEqualTo(encoded);
    }

    @Test
    void encode_knownAnswer_isStable() {
        // Pins the byte layout of IMPRINT/ATTEST/v1 documented in docs/protocol.md.
        byte[] encoded = EvidenceCodec.encode(sample());
        String hex = HexFormat.of().formatHex(encoded);
        assertThat(hex).startsWith("494d5052494e542f4154544553542f763100" // "IMPRINT/ATTEST/v1" 00
                + "0009" + HexFormat.of().formatHex("gateway-x".getBytes(StandardCharsets.US_ASCII))
                + "0008" + "0123456789abcdef"
                + "0008" + HexFormat.of().formatHex("SN000042".getBytes(StandardCharsets.US_ASCII))
                + "0020" + "00".repeat(32));
        assertThat(encoded).hasSize(18 + 11 + 10 + 10 + 34 + 7 + 8 + 2 + 7 + 11 + 9 + 8 + 18 + 34 + 67 + 4);
    }

    @Test
    void decode_trailingByte_throwsMalformed() {
        byte[] encoded = EvidenceCodec.encode(sample());
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> EvidenceCodec.decode(longer)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void decode_truncated_throwsMalformed() {
        byte[] encoded = EvidenceCodec.encode(sample());
        for (int cut : new int[] {0, 5, 18, 40, encoded.length - 1}) {
            byte[] shorter = Arrays.copyOf(encoded, cut);
            assertThatThrownBy(() -> EvidenceCodec.decode(shorter))
                    .isInstanceOfSatisfying(ImprintException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
        }
    }

    @Test
    void decode_otherContext_throwsMalformed() {
        byte[] receipt = ReceiptCodec.encode(new Receipt(new byte[16], new byte[8], "SN1", new byte[32]));
        assertThatThrownBy(() -> EvidenceCodec.decode(receipt)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("not a IMPRINT/ATTEST/v1");
    }

    @Test
    void decode_oversized_throwsMalformed() {
        // A field over its limit is malformed whatever the amount; only a whole body over 16 KiB is too large.
        assertThatThrownBy(() -> EvidenceCodec.decode(new byte[EvidenceCodec.MAX_BYTES + 1]))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
    }

    @Test
    void encode_invalidSerial_throws() {
        Evidence s = sample();
        Evidence bad = new Evidence(s.product(), s.chipId(), "SN 42", s.metadata(), s.sessionId(), s.nonce(),
                s.deviceKey(), s.csr());
        assertThatThrownBy(() -> EvidenceCodec.encode(bad)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("serial");
    }

    @Test
    void encode_compressedDeviceKey_throws() {
        Evidence s = sample();
        byte[] key = s.deviceKey();
        key[0] = 0x02;
        Evidence bad = new Evidence(s.product(), s.chipId(), s.serial(), s.metadata(), s.sessionId(), s.nonce(),
                key, s.csr());
        assertThatThrownBy(() -> EvidenceCodec.encode(bad)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("uncompressed");
    }

    @Test
    void decode_unsortedMetadata_throws() {
        byte[] key = sample().deviceKey();
        byte[] data = CanonicalWriter.start(EvidenceCodec.CONTEXT).string("p").bytes(new byte[8]).string("S1")
                .bytes(new byte[32]).string("1").string("closed").u16(2)
                .string("zeta").string("1").string("alpha").string("2")
                .bytes(new byte[16]).bytes(new byte[32]).bytes(key).bytes(new byte[] {1}).toByteArray();
        assertThatThrownBy(() -> EvidenceCodec.decode(data)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("ascending");
    }

    @Test
    void decode_invalidUtf8_throws() {
        byte[] key = sample().deviceKey();
        byte[] data = CanonicalWriter.start(EvidenceCodec.CONTEXT).bytes(new byte[] {(byte) 0xC3, 0x28})
                .bytes(new byte[8]).string("S1").bytes(new byte[32]).string("1").string("closed").u16(0)
                .bytes(new byte[16]).bytes(new byte[32]).bytes(key).bytes(new byte[] {1}).toByteArray();
        assertThatThrownBy(() -> EvidenceCodec.decode(data)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("UTF-8");
    }
}
