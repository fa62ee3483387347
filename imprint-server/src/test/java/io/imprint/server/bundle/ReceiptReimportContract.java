package io.imprint.server.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.bundle.BundleExpectation;
import io.imprint.protocol.bundle.BundleOpener;
import io.imprint.protocol.bundle.OpenedBundle;
import io.imprint.protocol.bundle.RawMpKeyHmac;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.server.keystore.SoftwareKeyStore;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.products.ProductEnrollment;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.ServerContract;
import io.imprint.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Importing the same receipts again after the state changed, run on every database: a refusal that
 * depends on state is evaluated again (and counted once it passes), a final one is not, and a
 * station file may mix products.
 */
abstract class ReceiptReimportContract extends ServerContract {
    private static final String OTHER = "sensor-y";
    private SoftwareKeyStore keys;
    private BundleSigner signer;
    private ReceiptKeyAgreement receiptKey;
    private KeyPair otherMp;

    @Override
    protected Path dataDir() {
        return dir.resolve("data");
    }

    @BeforeEach
    void setUp() throws Exception {
        keys = new SoftwareKeyStore(dir.resolve("keys"));
        keys.importMpKey("mp", MpPublicKey.fromJdkKey((ECPublicKey) server.mpKey().getPublic()));
        otherMp = TestDevice.newMpKey();
        keys.importMpKey("other-mp", MpPublicKey.fromJdkKey((ECPublicKey) otherMp.getPublic()));
        server.imprint().products().enroll(new ProductEnrollment(OTHER, "MIMX8MM6DVTLZAA",
                HexFormat.of().formatHex(TestDevice.SRK_HASH), TestDevice.publicKeyHex(otherMp), null,
                TestServer.POLICY));
        signer = keys.createSigningKey("oem");
        receiptKey = keys.createReceiptKey("oem-receipt");
    }

    @Test
    void importLines_wrongProductThenRightProduct_skippedThenCounted() throws Exception {
        server.order("lot-1", 10, "SN000001..SN000010");
        List<String> lines = lines(server.mpKey(), build(TestServer.PRODUCT, "lot-1", true), 1, 2);

        assertThat(run(lines, OTHER)).isEqualTo(new ImportSummary(0, 0, Map.of(), 2));
        assertThat(events()).isEmpty();
        assertThat(run(lines, TestServer.PRODUCT)).isEqualTo(new ImportSummary(2, 0, Map.of()));
        assertThat(server.imprint().orders().get("lot-1").used()).isEqualTo(2);
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 2, Map.of()));
        assertThat(events()).isEqualTo(Map.of("provisioned", 2L));
    }

    @Test
    void importLines_orderSuspendedThenResumed_refusedOnceThenCounted() throws Exception {
        server.order("lot-2", 10, "SN000001..SN000010");
        List<String> lines = lines(server.mpKey(), build(TestServer.PRODUCT, "lot-2", true), 1);
        server.imprint().orders().suspend("lot-2");

        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 0, Map.of("order-inactive", 1)));
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 0, Map.of("order-inactive", 1)));
        assertThat(events()).isEqualTo(Map.of("order-inactive", 1L));
        server.imprint().orders().resume("lot-2");
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(1, 0, Map.of()));
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 1, Map.of()));
        assertThat(server.imprint().orders().get("lot-2").used()).isEqualTo(1);
        assertThat(events()).isEqualTo(Map.of("order-inactive", 1L, "provisioned", 1L));
    }

    @Test
    void importLines_quotaExhaustedThenResized_countedOnReimport() throws Exception {
        server.order("lot-3", 1, "SN000001..SN000010");
        List<String> lines = lines(server.mpKey(), build(TestServer.PRODUCT, "lot-3", true), 1, 2);

        assertThat(run(lines, null)).isEqualTo(new ImportSummary(1, 0, Map.of("quota-exhausted", 1)));
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 1, Map.of("quota-exhausted", 1)));
        server.imprint().orders().resize("lot-3", 2);
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(1, 1, Map.of()));
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 2, Map.of()));
        assertThat(server.imprint().orders().get("lot-3").used()).isEqualTo(2);
        assertThat(events()).isEqualTo(Map.of("quota-exhausted", 1L, "provisioned", 2L));
    }

    @Test
    void importLines_unknownBundleThenManifestRecorded_countedOnReimport() throws Exception {
        server.order("lot-4", 10, "SN000001..SN000010");
        Built b = build(TestServer.PRODUCT, "lot-4", false);
        List<String> lines = lines(server.mpKey(), b, 1);

        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 0, Map.of("bad-receipt", 1)));
        assertThat(run(lines, TestServer.PRODUCT)).isEqualTo(new ImportSummary(0, 0, Map.of("bad-receipt", 1)));
        server.imprint().bundles().record(b.manifest());
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(1, 0, Map.of()));
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 1, Map.of()));
        assertThat(server.imprint().orders().get("lot-4").used()).isEqualTo(1);
        assertThat(events()).isEqualTo(Map.of("bad-receipt", 1L, "provisioned", 1L));
    }

    @Test
    void importLines_fileMixingTwoProducts_countsEachAgainstItsOwnOrder() throws Exception {
        server.order("lot-5", 10, "SN000001..SN000010");
        server.imprint().orders().create(new OrderRequest("lot-6", OTHER, "Acme EMS", 10, "SN000001..SN000010"));
        List<String> lines = new ArrayList<>(lines(server.mpKey(), build(TestServer.PRODUCT, "lot-5", true), 1, 2));
        lines.addAll(1, lines(otherMp, build(OTHER, "lot-6", true), 1, 2, 3));

        assertThat(run(lines, TestServer.PRODUCT)).isEqualTo(new ImportSummary(2, 0, Map.of(), 3));
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(3, 2, Map.of()));
        assertThat(server.imprint().orders().get("lot-5").used()).isEqualTo(2);
        assertThat(server.imprint().orders().get("lot-6").used()).isEqualTo(3);
        assertThat(run(lines, OTHER)).isEqualTo(new ImportSummary(0, 3, Map.of(), 2));
        assertThat(events()).isEqualTo(Map.of("provisioned", 5L));
    }

    @Test
    void importLines_badSignatureThenManifestRecorded_staysRefusedForGood() throws Exception {
        server.order("lot-7", 10, "SN000001..SN000010");
        Built b = build(TestServer.PRODUCT, "lot-7", false);
        List<String> lines = lines(TestDevice.newMpKey(), b, 1); // signed by a chip that is not ours

        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 0, Map.of("bad-signature", 1)));
        server.imprint().bundles().record(b.manifest());
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(0, 0, Map.of(), 0, 1));
        assertThat(server.imprint().orders().get("lot-7").used()).isZero();
        assertThat(events()).isEqualTo(Map.of("bad-signature", 1L));
    }

    @Test
    void importLines_noLineOpensOrUnknownProduct_refusedWholeAndNothingRecorded() throws Exception {
        server.order("lot-8", 10, "SN000001..SN000010");
        List<String> lines = lines(server.mpKey(), build(TestServer.PRODUCT, "lot-8", true), 1);
        ReceiptKeyAgreement wrongKey = keys.createReceiptKey("another-receipt-key");

        assertThatThrownBy(() -> server.imprint().receiptImport().importLines(lines, TestServer.PRODUCT, wrongKey,
                ImportProgress.NONE)).isInstanceOf(ImprintException.class)
                .extracting(e -> ((ImprintException) e).code()).isEqualTo(ProblemCode.BAD_RECEIPT);
        assertThatThrownBy(() -> run(lines, "no-such-product")).isInstanceOf(ImprintException.class)
                .extracting(e -> ((ImprintException) e).code()).isEqualTo(ProblemCode.UNKNOWN_PRODUCT);
        assertThat(events()).isEmpty();
        assertThat(run(lines, null)).isEqualTo(new ImportSummary(1, 0, Map.of()));
    }

    /** The counts of one import (its refused lines are checked in {@link ReceiptImportContract}). */
    private ImportSummary run(List<String> lines, String product) {
        return server.imprint().receiptImport().importLines(lines, product, receiptKey, ImportProgress.NONE).counts();
    }

    /** Event counts by outcome, without the order's own events (suspended, resumed, resized). */
    private Map<String, Long> events() {
        Map<String, Long> counts = new HashMap<>(server.imprint().events().countsByOutcome(null, null));
        counts.keySet().removeAll(Set.of("order-suspended", "order-resumed", "order-resized"));
        return counts;
    }

    /** One receipt line per unit number n (serial SN00000n, chip 0A0B0C|n, product-specific first byte). */
    private static List<String> lines(KeyPair mp, Built b, int... units) throws Exception {
        List<String> out = new ArrayList<>();
        for (int n : units) {
            byte[] chip = {(byte) (b.product().equals(OTHER) ? 0x1A : 0x0A), 0x0B, 0x0C, (byte) n};
            out.add(ReceiptImportContract.line(mp, chip, b.open("SN00000" + n)));
        }
        return out;
    }

    private Built build(String product, String lot, boolean record) throws Exception {
        Map<String, SecretItems> unitSecrets = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            unitSecrets.put("SN00000" + i, SecretItems.builder().add("device-key", new byte[] {(byte) i}).build());
        }
        BundleSpec spec = new BundleSpec(product, lot, SecretItems.builder().add("license", "L".getBytes()).build(),
                Map.of("disk-key", 32), unitSecrets, Optional.empty(), Instant.now().plusSeconds(3600));
        Path file = dir.resolve(lot + ".imb");
        String mpLabel = product.equals(OTHER) ? "other-mp" : "mp";
        BundleManifest m = new BundleBuilder(keys.mpKeyHmac(mpLabel), signer, receiptKey.publicKey(), Clock.systemUTC())
                .build(spec, file, BundleProgress.NONE);
        if (record) {
            server.imprint().bundles().record(m);
        }
        KeyPair mp = product.equals(OTHER) ? otherMp : server.mpKey();
        return new Built(product, m, Files.readAllBytes(file), signer.publicKey(),
                MpPublicKey.fromJdkKey((ECPublicKey) mp.getPublic()));
    }

    private record Built(String product, BundleManifest manifest, byte[] bundle, ECPublicKey oem, MpPublicKey mp) {
        OpenedBundle open(String serial) throws Exception {
            return BundleOpener.open(bundle, oem, new BundleExpectation(product, serial, Optional.empty(),
                    Instant.now()), new RawMpKeyHmac(mp));
        }
    }
}
