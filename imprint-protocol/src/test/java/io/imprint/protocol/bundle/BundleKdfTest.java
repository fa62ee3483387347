package io.imprint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.mp.MpPublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pins the KDF to the independently computed vector in {@code bundle-kdf-v1.txt}. */
class BundleKdfTest {
    private static final HexFormat HEX = HexFormat.of();

    static BundleHeader vectorHeader(Vectors v) {
        return new BundleHeader(BundleHeader.FORMAT_VERSION, v.hex("bundleId"), v.text("product"), v.text("lot"),
                BundleKdf.ALGORITHM_ID, v.hex("salt"),
                io.imprint.protocol.crypto.EcPoints.toUncompressed(FixtureReceiptKey.publicKeyOfNew()), List.of("disk-key"), List.of(), 0, Optional.empty(), 1_700_000_000L, 1_800_000_000L);
    }

    @Test
    void info_vectorInputs_matchesVector() throws Exception {
        Vectors v = Vectors.load("bundle-kdf-v1.txt");
        assertThat(HEX.formatHex(BundleKdf.info(vectorHeader(v)))).isEqualTo(v.text("info"));
    }

    @Test
    void derive_softwareMpKey_matchesVector() throws Exception {
        Vectors v = Vectors.load("bundle-kdf-v1.txt");
        MpPublicKey mp = MpPublicKey.fromRaw(v.hex("mpPublicKey"));
        BundleKey key = BundleKdf.derive(new RawMpKeyHmac(mp), vectorHeader(v));
        assertThat(HEX.formatHex(key.bytes())).isEqualTo(v.text("key"));
        assertThat(key.toString()).doesNotContain(v.text("key").substring(0, 8));
    }

    @Test
    void derive_otherLot_differs() throws Exception {
        Vectors v = Vectors.load("bundle-kdf-v1.txt");
        BundleHeader h = vectorHeader(v);
        BundleHeader other = new BundleHeader(h.formatVersion(), h.bundleId(), h.product(), "LOT-2026-002", 1, h.salt(),
                h.receiptKey(), h.lotItemNames(), List.of(), 0, Optional.empty(), h.createdAt(), h.expiresAt());
        RawMpKeyHmac hmac = new RawMpKeyHmac(MpPublicKey.fromRaw(v.hex("mpPublicKey")));
        assertThat(BundleKdf.derive(hmac, other).bytes()).isNotEqualTo(BundleKdf.derive(hmac, h).bytes());
    }
}
