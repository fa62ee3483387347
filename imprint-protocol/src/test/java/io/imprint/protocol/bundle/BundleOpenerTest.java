package io.imprint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BundleOpenerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static FixtureBundleSigner oem;
    private static FixtureMpKey mp;
    private static byte[] bundle;

    @BeforeAll
    static void build() throws Exception {
        oem = new FixtureBundleSigner();
        mp = new FixtureMpKey();
        bundle = seal(header("widget", Optional.empty()));
    }

    static BundleHeader header(String product, Optional<byte[]> image) {
        return BundleHeader.create(product, "LOT-1", FixtureReceiptKey.publicKeyOfNew(), List.of("cloud-token"), List.of("device-key"), 3, image,
                NOW.minusSeconds(60), NOW.plusSeconds(3600));
    }

    static byte[] seal(BundleHeader h) throws Exception {
        Map<String, SecretItems> units = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            units.put("SN" + i, SecretItems.builder().add("device-key", new byte[] {(byte) i}).build());
        }
        SecretItems lot = SecretItems.builder().add("cloud-token", "s3cr3tvalue".getBytes()).build();
        return BundleSealer.seal(h, lot, units, new RawMpKeyHmac(mp.publicKey()), oem, n -> { });
    }

    private static OpenedBundle open(byte[] b, String serial) throws Exception {
        return BundleOpener.open(b, oem.publicKey(), new BundleExpectation("widget", serial, Optional.empty(), NOW),
                new RawMpKeyHmac(mp.publicKey()));
    }

    @Test
    void open_validBundle_returnsLotAndUnitItems() throws Exception {
        OpenedBundle opened = open(bundle, "SN2");
        assertThat(opened.items().names()).containsExactly("cloud-token", "device-key");
        assertThat(opened.items().value("device-key")).containsExactly(2);
        assertThat(opened.toString()).doesNotContain("s3cr3tvalue");
    }

    @Test
    void open_anyByteFlipped_throwsBadBundle() {
        for (int i = 0; i < bundle.length; i += 7) {
            byte[] copy = bundle.clone();
            copy[i] ^= 0x01;
            assertThatThrownBy(() -> open(copy, "SN1")).isInstanceOf(ImprintException.class)
                    .extracting(e -> ((ImprintException) e).code()).isEqualTo(ProblemCode.BAD_BUNDLE);
        }
    }

    @Test
    void open_unitEntriesSwappedAndResigned_failsDecryption() throws Exception {
        BundleContainer c = BundleContainer.parse(bundle);
        Map<String, List<byte[]>> swapped = new LinkedHashMap<>(c.units);
        swapped.put("SN1", c.units.get("SN2"));
        swapped.put("SN2", c.units.get("SN1"));
        byte[] forged = resign(c.headerBytes, c.lotItems, swapped);
        assertThatThrownBy(() -> open(forged, "SN1")).hasMessageContaining("does not decrypt");
    }

    @Test
    void open_headerChangedAndResigned_failsDecryption() throws Exception {
        BundleContainer c = BundleContainer.parse(bundle);
        BundleHeader h = c.header;
        BundleHeader later = new BundleHeader(h.formatVersion(), h.bundleId(), h.product(), h.lot(), 1, h.salt(), h.receiptKey(),
                h.lotItemNames(),
                h.unitItemNames(), h.unitCount(), h.imageDigest(), h.createdAt(), h.expiresAt() + 86_400);
        byte[] forged = resign(BundleHeaderCodec.encode(later), c.lotItems, c.units);
        assertThatThrownBy(() -> open(forged, "SN1")).hasMessageContaining("does not decrypt");
    }

    @Test
    void verifiedHeader_validBundle_returnsHeader() throws Exception {
        assertThat(BundleOpener.verifiedHeader(bundle, oem.publicKey()).unitCount()).isEqualTo(3);
    }

    private static byte[] resign(byte[] header, List<byte[]> lot, Map<String, List<byte[]>> units) throws Exception {
        U32Writer w = BundleContainer.writeUnsigned(header, lot, units);
        byte[] prefix = w.toByteArray();
        return w.bytes(oem.sign(BundleContainer.signedMessage(prefix, prefix.length))).toByteArray();
    }
}
