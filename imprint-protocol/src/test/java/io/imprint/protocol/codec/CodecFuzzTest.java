package io.imprint.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The strict decoders of the signed device messages, fed mutated and random bytes. */
class CodecFuzzTest {
    static final byte[] EVIDENCE = EvidenceCodec.encode(EvidenceCodecTest.sample());
    static final byte[] EVIDENCE_PLAIN = EvidenceCodec.encode(new Evidence("p", new byte[4], "",
            new DeviceMetadata(new byte[32], "1", "open", new TreeMap<>()), new byte[16], new byte[32], point(),
            new byte[] {1}));
    static final byte[] RECEIPT = ReceiptCodec.encode(new Receipt(new byte[16],
            HexFormat.of().parseHex("0123456789ABCDEF"), "SN000042", new byte[32]));

    static byte[] point() {
        byte[] key = new byte[65];
        key[0] = 0x04;
        return key;
    }

    @Provide
    Arbitrary<byte[]> evidence() {
        return Mutations.of(List.of(EVIDENCE, EVIDENCE_PLAIN));
    }

    @Provide
    Arbitrary<byte[]> receipt() {
        return Mutations.of(RECEIPT);
    }

    @Provide
    Arbitrary<byte[]> random() {
        return Mutations.randomBytes(10_000);
    }

    @Property(tries = 300)
    void evidenceDecode_mutatedEvidence_malformedOrCanonical(@ForAll("evidence") byte[] input) {
        Fuzz.onlyRefuses(() -> roundTripsIfAccepted(input), ProblemCode.MALFORMED_REQUEST,
                ProblemCode.REQUEST_TOO_LARGE);
    }

    @Property(tries = 100)
    void evidenceDecode_randomBytes_malformed(@ForAll("random") byte[] input) {
        Fuzz.onlyRefuses(() -> EvidenceCodec.decode(input), ProblemCode.MALFORMED_REQUEST,
                ProblemCode.REQUEST_TOO_LARGE);
    }

    @Property(tries = 300)
    void receiptDecode_mutatedReceipt_malformedOrCanonical(@ForAll("receipt") byte[] input) {
        Fuzz.onlyRefuses(() -> {
            Receipt r = ReceiptCodec.decode(input);
            assertThat(ReceiptCodec.encode(r)).isEqualTo(input);
        }, ProblemCode.MALFORMED_REQUEST, ProblemCode.REQUEST_TOO_LARGE);
    }

    @Property(tries = 100)
    void receiptDecode_randomBytes_malformed(@ForAll("random") byte[] input) {
        Fuzz.onlyRefuses(() -> ReceiptCodec.decode(input), ProblemCode.MALFORMED_REQUEST,
                ProblemCode.REQUEST_TOO_LARGE);
    }

    /** A strict decoder accepts one encoding per value: whatever it accepts re-encodes to the same bytes. */
    private static void roundTripsIfAccepted(byte[] input) {
        Evidence e = EvidenceCodec.decode(input);
        byte[] again = EvidenceCodec.encode(e);
        assertThat(Arrays.equals(again, input)).as("accepted evidence re-encodes identically").isTrue();
    }
}
