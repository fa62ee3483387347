package io.imprint.device.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.protocol.bundle.BundleHeader;
import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.BundleReceiptCodec;
import io.imprint.protocol.bundle.BundleSealer;
import io.imprint.protocol.bundle.FixtureBundleSigner;
import io.imprint.protocol.bundle.RawMpKeyHmac;
import io.imprint.protocol.bundle.EcdsaRecovery;
import io.imprint.protocol.bundle.FixtureReceiptKey;
import io.imprint.protocol.bundle.ReceiptSeal;
import io.imprint.protocol.bundle.SealedReceiptLine;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleApplierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final byte[] IMAGE = new byte[32];
    private static FixtureBundleSigner oem;
    private static FixtureReceiptKey receiptKey;
    private static EmulatedCaamChip productChip;
    private static byte[] bundle;

    @TempDir Path dir;
    private EmulatedCaamBlobStore store;
    private ReceiptsFile receipts;

    @BeforeAll
    static void seal() throws Exception {
        oem = new FixtureBundleSigner();
        receiptKey = new FixtureReceiptKey();
        productChip = chip(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        IMAGE[0] = 7;
        bundle = seal(3, Optional.of(IMAGE), NOW.plusSeconds(3600));
    }

    static byte[] seal(int units, Optional<byte[]> image, Instant expires) throws Exception {
        Map<String, SecretItems> unitItems = new LinkedHashMap<>();
        for (int i = 1; i <= units; i++) {
            unitItems.put(String.format("SN%06d", i), SecretItems.builder().add("device-key", new byte[] {(byte) i}).build());
        }
        BundleHeader h = BundleHeader.create("widget", "LOT-7", receiptKey.publicKey(), List.of("wifi-psk"), List.of("device-key"), units,
                image, NOW.minusSeconds(60), expires);
        SecretItems lot = SecretItems.builder().add("wifi-psk", "hunter22".getBytes()).build();
        return BundleSealer.seal(h, lot, unitItems, new RawMpKeyHmac(productChip.publicKey()), oem, n -> { });
    }

    @BeforeEach
    void setUp() throws Exception {
        store = new EmulatedCaamBlobStore(dir.resolve("store"), productChip);
        receipts = new ReceiptsFile(dir.resolve("receipts.txt"));
    }

    /** An emulated chip of the product (same part, SRK hash and fuse seed share the MP key). */
    private static EmulatedCaamChip chip(byte[] fuseSeed) throws Exception {
        return EmulatedCaamChip.builder("MIMX8MM6", new byte[32], fuseSeed).chipId(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .build();
    }

    private BundleApplier applier(EmulatedCaamChip chip) throws Exception {
        return new BundleApplier(chip, chip, new EmulatedCaamBlobStore(dir.resolve("store"), chip), receipts);
    }

    @Test
    void apply_validBundle_storesItemsAndWritesVerifiableReceipt() throws Exception {
        AppliedBundle applied = applier(productChip).apply(bundle, oem.publicKey(), "widget", "SN000002",
                Optional.of(IMAGE), NOW);
        assertThat(store.names()).containsExactly("device-key", "wifi-psk");
        assertThat(store.get("device-key")).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
        assertThat(store.get("wifi-psk")).hasValueSatisfying(v -> assertThat(v).isEqualTo("hunter22".getBytes()));
        List<String> lines = Files.readAllLines(receipts.path());
        assertThat(lines).containsExactly(applied.receiptLine());
        SignedReceipt line = ReceiptSeal.open(receiptKey, SealedReceiptLine.parse(lines.get(0)));
        MpVerifier.verify(productChip.publicKey(), line.mpmr(), line.receiptBytes(), line.signature());
        BundleReceipt receipt = BundleReceiptCodec.decode(line.receiptBytes());
        assertThat(receipt.serial()).isEqualTo("SN000002");
        assertThat(receipt.bundleIdHex()).isEqualTo(applied.bundleId());
        assertThat(receipt.storedDigest()).isEqualTo(applied.storedDigest());
        assertThat(receipt.counter()).isZero();
    }

    @Test
    void apply_badInputs_throwOneLineBadBundleAndStoreNothing() throws Exception {
        byte[] tampered = bundle.clone();
        tampered[60] ^= 1;
        byte[] lastByte = bundle.clone();
        lastByte[lastByte.length - 1] ^= 1;
        byte[] expired = seal(1, Optional.empty(), NOW.minusSeconds(1));
        FixtureBundleSigner otherOem = new FixtureBundleSigner();
        record Case(String name, ThrowingApply apply, String detail) { }
        List<Case> cases = List.of(
                new Case("tampered header", () -> applier(productChip).apply(tampered, oem.publicKey(), "widget",
                        "SN000001", Optional.of(IMAGE), NOW), "signature does not verify"),
                new Case("tampered signature", () -> applier(productChip).apply(lastByte, oem.publicKey(), "widget",
                        "SN000001", Optional.of(IMAGE), NOW), "signature does not verify"),
                new Case("wrong signer", () -> applier(productChip).apply(bundle, otherOem.publicKey(), "widget",
                        "SN000001", Optional.of(IMAGE), NOW), "signature does not verify"),
                new Case("wrong product", () -> applier(productChip).apply(bundle, oem.publicKey(), "gadget",
                        "SN000001", Optional.of(IMAGE), NOW), "for product widget"),
                new Case("expired", () -> applier(productChip).apply(expired, oem.publicKey(), "widget",
                        "SN000001", Optional.empty(), NOW), "expired"),
                new Case("other image", () -> applier(productChip).apply(bundle, oem.publicKey(), "widget",
                        "SN000001", Optional.of(new byte[32]), NOW), "another production image"),
                new Case("no image", () -> applier(productChip).apply(bundle, oem.publicKey(), "widget",
                        "SN000001", Optional.empty(), NOW), "image digest"),
                new Case("wrong MP key", () -> applier(chip(new byte[16])).apply(bundle, oem.publicKey(), "widget",
                        "SN000001", Optional.of(IMAGE), NOW), "does not decrypt"),
                new Case("unknown serial", () -> applier(productChip).apply(bundle, oem.publicKey(), "widget",
                        "SN999999", Optional.of(IMAGE), NOW), "has no entry"),
                new Case("not a bundle", () -> applier(productChip).apply("hello".getBytes(), oem.publicKey(), "widget",
                        "SN000001", Optional.of(IMAGE), NOW), "malformed bundle"));
        for (Case c : cases) {
            assertThatThrownBy(c.apply::run).as(c.name).isInstanceOf(ImprintException.class)
                    .hasMessageContaining(c.detail).hasMessageNotContaining("\n")
                    .extracting(e -> ((ImprintException) e).code()).isEqualTo(ProblemCode.BAD_BUNDLE);
            assertThat(store.names()).as(c.name).isEmpty();
            assertThat(receipts.path()).as(c.name).doesNotExist();
        }
    }

    @Test
    void apply_tenThousandUnitBundle_appliesForAnyUnit() throws Exception {
        byte[] big = seal(10_000, Optional.empty(), NOW.plusSeconds(3600));
        AppliedBundle applied = applier(productChip).apply(big, oem.publicKey(), "widget", "SN009999", Optional.empty(), NOW);
        assertThat(store.get("device-key")).hasValueSatisfying(v -> assertThat(v).containsExactly((byte) 9999));
        assertThat(applied.storedNames()).containsExactly("wifi-psk", "device-key");
    }

    @Test
    void apply_twice_countsReceipts() throws Exception {
        applier(productChip).apply(bundle, oem.publicKey(), "widget", "SN000003", Optional.of(IMAGE), NOW);
        applier(productChip).apply(bundle, oem.publicKey(), "widget", "SN000003", Optional.of(IMAGE), NOW);
        List<String> lines = Files.readAllLines(receipts.path());
        assertThat(lines).hasSize(2);
        SignedReceipt second = ReceiptSeal.open(receiptKey, SealedReceiptLine.parse(lines.get(1)));
        assertThat(BundleReceiptCodec.decode(second.receiptBytes()).counter()).isEqualTo(1);
    }

    @Test
    void apply_receiptLine_exposesNothingToRecoverTheMpKeyFrom() throws Exception {
        applier(productChip).apply(bundle, oem.publicKey(), "widget", "SN000001", Optional.of(IMAGE), NOW);
        String text = Files.readAllLines(receipts.path()).get(0);
        SignedReceipt inside = ReceiptSeal.open(receiptKey, SealedReceiptLine.parse(text));
        byte[] mpKey = productChip.publicKey().xy();
        // The attack a clear line allowed: (r, s), MPMR and message give the chip's MP public key.
        assertThat(EcdsaRecovery.candidates(inside.mpmr().bytes(), inside.receiptBytes(), inside.signature()))
                .anySatisfy(q -> assertThat(q).isEqualTo(mpKey));
        // The sealed line: tag, bundle id, serial, ephemeral key, ciphertext; no signature, MPMR or receipt.
        String[] fields = text.split(" ");
        assertThat(fields).hasSize(5);
        assertThat(fields[0]).isEqualTo("imprint-bundle-receipt-v2");
        assertThat(fields[2]).isEqualTo("SN000001");
        java.util.HexFormat hex = java.util.HexFormat.of();
        for (byte[] clear : List.of(inside.signature(), inside.mpmr().bytes(), inside.receiptBytes(), mpKey,
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8})) {
            assertThat(text.toLowerCase()).doesNotContain(hex.formatHex(clear));
            assertThat(text).doesNotContain(java.util.Base64.getEncoder().encodeToString(clear));
        }
        byte[] sealed = java.util.Base64.getDecoder().decode(fields[4]);
        for (int i = 0; i + 64 <= sealed.length; i++) {
            for (byte[] q : EcdsaRecovery.candidates(inside.mpmr().bytes(), inside.receiptBytes(),
                    java.util.Arrays.copyOfRange(sealed, i, i + 64))) {
                assertThat(q).isNotEqualTo(mpKey);
            }
        }
    }

    @FunctionalInterface
    interface ThrowingApply {
        void run() throws Exception;
    }
}
