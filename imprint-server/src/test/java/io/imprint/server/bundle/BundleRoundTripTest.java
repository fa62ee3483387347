package io.imprint.server.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.bundle.BundleExpectation;
import io.imprint.protocol.bundle.BundleOpener;
import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.BundleReceiptCodec;
import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.bundle.FixtureMpKey;
import io.imprint.protocol.bundle.OpenedBundle;
import io.imprint.protocol.bundle.RawMpKeyHmac;
import io.imprint.protocol.bundle.FixtureReceiptKey;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.bundle.ReceiptSeal;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.server.bundle.BundleReceiptResult.RefusedBundleReceipt;
import io.imprint.server.bundle.BundleReceiptResult.Refusal;
import io.imprint.server.bundle.BundleReceiptResult.VerifiedBundleReceipt;
import io.imprint.server.keystore.SoftwareKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build (software key store) -> open as a device would -> receipts -> verify. */
class BundleRoundTripTest {
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir Path dir;

    /** A receipt line as a device with {@code chip} would write after opening. */
    static String receiptLine(FixtureMpKey mp, byte[] chip, OpenedBundle opened, long counter) throws Exception {
        return ReceiptSeal.seal(opened.header().receiptPublicKey(), signed(mp, chip, opened, counter)).format();
    }

    static SignedReceipt signed(FixtureMpKey mp, byte[] chip, OpenedBundle opened, long counter) throws Exception {
        byte[] digest = StoredDigest.of(opened.items(), List.of());
        byte[] msg = BundleReceiptCodec.encode(new BundleReceipt(chip, opened.serial(), opened.header().bundleId(),
                opened.header().product(), digest, NOW.getEpochSecond(), counter));
        return new SignedReceipt(msg, Mpmr.ZEROS, mp.sign(Mpmr.ZEROS, msg));
    }

    static BundleSpec spec(int units) {
        Map<String, SecretItems> unitSecrets = new LinkedHashMap<>();
        for (int i = 0; i < units; i++) {
            unitSecrets.put("SN" + i, SecretItems.builder().add("device-key", HexFormat.of().parseHex("%08x".formatted(i))).build());
        }
        return new BundleSpec("widget", "LOT-9", SecretItems.builder().add("license", "L-123".getBytes()).build(),
                Map.of("disk-key", 32), unitSecrets, Optional.empty(), NOW.plusSeconds(86_400));
    }

    @Test
    void build_open_verify_perUnitBundle_classifiesEveryReceipt() throws Exception {
        FixtureMpKey mp = new FixtureMpKey();
        SoftwareKeyStore keys = new SoftwareKeyStore(dir.resolve("keys"));
        keys.importMpKey("widget-mp", mp.publicKey());
        BundleSigner signer = keys.createSigningKey("oem-bundle");
        ReceiptKeyAgreement receiptKey = keys.createReceiptKey("oem-receipt");
        List<int[]> progress = new ArrayList<>();
        BundleManifest manifest = new BundleBuilder(keys.mpKeyHmac("widget-mp"), signer, receiptKey.publicKey(), Clock.fixed(NOW, ZoneOffset.UTC))
                .build(spec(10_000), dir.resolve("b.bundle"), (done, total) -> progress.add(new int[] {done, total}));
        assertThat(progress.get(progress.size() - 1)).containsExactly(10_000, 10_000);
        assertThat(manifest.unitCount()).isEqualTo(10_000);

        byte[] bundle = Files.readAllBytes(dir.resolve("b.bundle"));
        RawMpKeyHmac deviceKey = new RawMpKeyHmac(mp.publicKey());
        OpenedBundle sn1 = BundleOpener.open(bundle, signer.publicKey(),
                new BundleExpectation("widget", "SN1", Optional.empty(), NOW), deviceKey);
        OpenedBundle sn2 = BundleOpener.open(bundle, signer.publicKey(),
                new BundleExpectation("widget", "SN2", Optional.empty(), NOW), deviceKey);
        assertThat(sn1.items().names()).containsExactly("license", "disk-key", "device-key");
        assertThat(sn1.items().value("disk-key")).isEqualTo(sn2.items().value("disk-key")).hasSize(32);

        byte[] chipA = {1, 1, 1, 1}, chipB = {2, 2, 2, 2}, chipC = {3, 3, 3, 3};
        FixtureMpKey counterfeit = new FixtureMpKey();
        List<String> lines = List.of(
                receiptLine(mp, chipA, sn1, 0),
                receiptLine(mp, chipA, sn1, 1),
                receiptLine(mp, chipA, sn2, 2),
                receiptLine(mp, chipB, sn1, 0),
                receiptLine(counterfeit, chipC, sn2, 0),
                "garbage",
                ReceiptSeal.seal(new FixtureReceiptKey().publicKey(), signed(mp, new byte[] {4, 4, 4, 4}, sn2, 0)).format());
        List<BundleReceiptResult> results = new BundleReceiptVerifier().verify(lines, receiptKey, mp.publicKey(),
                Map.of(manifest.bundleId(), manifest));
        assertThat(results.get(0)).isInstanceOf(VerifiedBundleReceipt.class);
        assertThat(results.subList(1, 7)).map(r -> ((RefusedBundleReceipt) r).refusal()).containsExactly(
                Refusal.REPEATED, Refusal.CLONE_CHIP, Refusal.CLONE_SERIAL, Refusal.COUNTERFEIT, Refusal.MALFORMED,
                Refusal.MALFORMED);
        assertThat(((RefusedBundleReceipt) results.get(6)).detail()).contains("does not open");
        assertThat(new BundleReceiptVerifier().verify(lines.subList(0, 1), receiptKey, mp.publicKey(), Map.of()))
                .map(r -> ((RefusedBundleReceipt) r).refusal()).containsExactly(Refusal.UNKNOWN_BUNDLE);
    }

    @Test
    void verify_receiptWithOtherDigest_isDigestMismatch() throws Exception {
        FixtureMpKey mp = new FixtureMpKey();
        SoftwareKeyStore keys = new SoftwareKeyStore(dir.resolve("keys"));
        keys.importMpKey("widget-mp", mp.publicKey());
        BundleSigner signer = keys.createSigningKey("oem-bundle");
        ReceiptKeyAgreement receiptKey = keys.createReceiptKey("oem-receipt");
        BundleManifest manifest = new BundleBuilder(keys.mpKeyHmac("widget-mp"), signer, receiptKey.publicKey(), Clock.fixed(NOW, ZoneOffset.UTC))
                .build(spec(0), dir.resolve("lot.bundle"), BundleProgress.NONE);
        OpenedBundle opened = BundleOpener.open(Files.readAllBytes(dir.resolve("lot.bundle")), signer.publicKey(),
                new BundleExpectation("widget", "ANY-1", Optional.empty(), NOW), new RawMpKeyHmac(mp.publicKey()));
        byte[] msg = BundleReceiptCodec.encode(new BundleReceipt(new byte[4], "ANY-1", opened.header().bundleId(),
                "widget", new byte[32], 0, 0));
        String forged = ReceiptSeal.seal(receiptKey.publicKey(), new SignedReceipt(msg, Mpmr.ZEROS, mp.sign(Mpmr.ZEROS, msg)))
                .format();
        List<BundleReceiptResult> results = new BundleReceiptVerifier().verify(
                List.of(receiptLine(mp, new byte[] {9, 9, 9, 9}, opened, 0), forged), receiptKey, mp.publicKey(),
                Map.of(manifest.bundleId(), manifest));
        assertThat(results.get(0)).isInstanceOf(VerifiedBundleReceipt.class);
        assertThat(((RefusedBundleReceipt) results.get(1)).refusal()).isEqualTo(Refusal.DIGEST_MISMATCH);
    }
}
