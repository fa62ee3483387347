package io.imprint.server.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.bundle.BundleExpectation;
import io.imprint.protocol.bundle.BundleOpener;
import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.BundleReceiptCodec;
import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.bundle.OpenedBundle;
import io.imprint.protocol.bundle.RawMpKeyHmac;
import io.imprint.protocol.bundle.FixtureReceiptKey;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.bundle.ReceiptSeal;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.keystore.SoftwareKeyStore;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.ServerContract;
import io.imprint.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Receipts import against a real store, run on every database. */
abstract class ReceiptImportContract extends ServerContract {
    private BundleSigner signer;
    private SoftwareKeyStore keys;
    private ReceiptKeyAgreement receiptKey;

    @Override
    protected Path dataDir() {
        return dir.resolve("data");
    }

    @BeforeEach
    void setUp() throws Exception {
        keys = new SoftwareKeyStore(dir.resolve("keys"));
        keys.importMpKey("mp", MpPublicKey.fromJdkKey((ECPublicKey) server.mpKey().getPublic()));
        signer = keys.createSigningKey("oem");
        receiptKey = keys.createReceiptKey("oem-receipt");
    }

    @Test
    void importLines_roundTripThenSameFileAgain_countsOnceAndSecondImportChangesNothing() throws Exception {
        server.order("lot-1", 10, "SN000001..SN000010");
        Built b = build("lot-1", 3);
        List<String> lines = List.of(line(server.mpKey(), chip(1), b.open("SN000001")),
                line(server.mpKey(), chip(2), b.open("SN000002")));

        ImportSummary first = server.imprint().receiptImport().importLines(lines, null, receiptKey, ImportProgress.NONE);
        assertThat(first.counts()).isEqualTo(new ImportSummary(2, 0, Map.of()));
        assertThat(server.imprint().orders().get("lot-1").used()).isEqualTo(2);
        assertThat(server.imprint().events().unitsByState(null, null)).containsExactly(Map.entry("provisioned", 2L));
        Map<String, Long> events = server.imprint().events().countsByOutcome(TestServer.PRODUCT, null);
        assertThat(events).containsExactly(Map.entry("provisioned", 2L));

        ImportSummary second = server.imprint().receiptImport().importLines(lines, TestServer.PRODUCT,
                receiptKey, ImportProgress.NONE);
        assertThat(second.counts()).isEqualTo(new ImportSummary(0, 2, Map.of()));
        assertThat(server.imprint().orders().get("lot-1").used()).isEqualTo(2);
        assertThat(server.imprint().events().countsByOutcome(TestServer.PRODUCT, null)).isEqualTo(events);
    }

    @Test
    void importLines_beyondOrderQuantity_refusedAsQuotaExhausted() throws Exception {
        server.order("lot-2", 2, "SN000001..SN000010");
        Built b = build("lot-2", 3);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            lines.add(line(server.mpKey(), chip(i), b.open("SN00000" + i)));
        }
        ImportSummary s = server.imprint().receiptImport().importLines(lines, null, receiptKey, ImportProgress.NONE);
        assertThat(s.counts()).isEqualTo(new ImportSummary(2, 0, Map.of("quota-exhausted", 1)));
        assertThat(server.imprint().orders().get("lot-2").used()).isEqualTo(2);
        assertThat(server.imprint().events().countsByOutcome(null, null))
                .containsEntry("provisioned", 2L).containsEntry("quota-exhausted", 1L);
    }

    @Test
    void importLines_chipOrSerialOfNetworkedUnit_refusedAsClones() throws Exception {
        server.order("lot-3", 10, "SN000001..SN000010");
        TestDevice networked = server.device();
        server.client().provisioning(server.client().attest(
                networked.attest(server.client().challenge(TestServer.PRODUCT), "SN000001").request()));
        Built b = build("lot-3", 3);
        byte[] networkedChip = java.util.HexFormat.of().parseHex(networked.chipIdHex());
        List<String> lines = List.of(line(server.mpKey(), networkedChip, b.open("SN000002")),
                line(server.mpKey(), chip(7), b.open("SN000001")));
        ImportSummary s = server.imprint().receiptImport().importLines(lines, null, receiptKey, ImportProgress.NONE);
        assertThat(s.counts()).isEqualTo(new ImportSummary(0, 0, Map.of("chip-serial-mismatch", 1, "serial-in-use", 1)));
        assertThat(server.imprint().orders().get("lot-3").used()).isEqualTo(1);
        assertThat(server.imprint().events().countsByOutcome(null, null))
                .containsEntry("chip-serial-mismatch", 1L).containsEntry("serial-in-use", 1L);
    }

    @Test
    void importLines_counterfeitUnknownBundleAndGarbage_refusedAndEventRecordedOnce() throws Exception {
        server.order("lot-4", 10, "SN000001..SN000010");
        Built b = build("lot-4", 0);
        KeyPair counterfeit = TestDevice.newMpKey();
        OpenedBundle opened = b.open("SN000004");
        byte[] msg = BundleReceiptCodec.encode(new BundleReceipt(chip(5), "SN000005", Providers.randomBytes(16),
                TestServer.PRODUCT, StoredDigest.of(opened.items(), List.of()), 0, 0));
        String unknownBundle = ReceiptSeal.seal(receiptKey.publicKey(),
                new SignedReceipt(msg, Mpmr.ZEROS, mpSign(server.mpKey(), msg))).format();
        String genuine = line(server.mpKey(), chip(6), opened);
        String toOtherKey = ReceiptSeal.seal(new FixtureReceiptKey().publicKey(), signed(server.mpKey(), chip(6), opened))
                .format();
        String[] f = genuine.split(" ");
        byte[] ct = java.util.Base64.getDecoder().decode(f[4]);
        ct[ct.length - 1] ^= 1;
        String tampered = String.join(" ", f[0], f[1], f[2], f[3], java.util.Base64.getEncoder().encodeToString(ct));
        List<String> lines = List.of(line(counterfeit, chip(4), opened), unknownBundle, "imprint-bundle-receipt-v1 x",
                toOtherKey, tampered);

        ImportSummary s = server.imprint().receiptImport().importLines(lines, TestServer.PRODUCT, receiptKey, ImportProgress.NONE);
        assertThat(s.counts()).isEqualTo(new ImportSummary(0, 0, Map.of("bad-signature", 1, "bad-receipt", 4)));
        // settled refusals are kept (refused earlier); the unknown bundle is evaluated again (it may be recorded
        // later), no new event
        assertThat(server.imprint().receiptImport().importLines(lines, TestServer.PRODUCT, receiptKey, ImportProgress.NONE)
                .counts()).isEqualTo(new ImportSummary(0, 0, Map.of("bad-receipt", 1), 0, 4));
        assertThat(server.imprint().events().countsByOutcome(null, null))
                .isEqualTo(Map.of("bad-signature", 1L, "bad-receipt", 4L));
        assertThat(server.imprint().orders().get("lot-4").used()).isZero();
    }

    @Test
    void importLines_refusedLines_listedWithLineSerialChipAndCodeThenRefusedEarlier() throws Exception {
        server.order("lot-6", 2, "SN000001..SN000010");
        Built b = build("lot-6", 4);
        List<String> lines = List.of(line(server.mpKey(), chip(1), b.open("SN000001")),
                line(TestDevice.newMpKey(), chip(2), b.open("SN000002")), "", "imprint-bundle-receipt-v1 x",
                line(server.mpKey(), chip(3), b.open("SN000003")), line(server.mpKey(), chip(4), b.open("SN000004")));

        ImportSummary s = server.imprint().receiptImport().importLines(lines, null, receiptKey, ImportProgress.NONE);

        assertThat(s.counts()).isEqualTo(new ImportSummary(2, 0, Map.of("bad-signature", 1, "bad-receipt", 1,
                "quota-exhausted", 1)));
        assertThat(s.refusedLines()).extracting(RefusedLine::line, RefusedLine::serial, RefusedLine::chip,
                RefusedLine::code).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "SN000002", "0A0B0C02", "bad-signature"),
                        org.assertj.core.groups.Tuple.tuple(4, null, null, "bad-receipt"),
                        org.assertj.core.groups.Tuple.tuple(6, "SN000004", "0A0B0C04", "quota-exhausted"));
        assertThat(s.refusedLines()).allSatisfy(l -> assertThat(l.detail()).isNotBlank());
        ImportSummary again = server.imprint().receiptImport().importLines(lines, null, receiptKey, ImportProgress.NONE);
        assertThat(again.counts()).isEqualTo(new ImportSummary(0, 2, Map.of("quota-exhausted", 1), 0, 2));
        assertThat(again.refusedLines()).extracting(RefusedLine::line).containsExactly(6);
    }

    @Test
    void record_lotOfAnotherProductOrUnknown_refusedAndNothingRecorded() throws Exception {
        server.order("lot-5", 10, "SN000001..SN000010");
        BundleRegistry registry = server.imprint().bundles();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.orderFor(TestServer.PRODUCT, "nope", List.of()))
                .isInstanceOf(ImprintException.class).extracting(e -> ((ImprintException) e).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        registry.orderFor(TestServer.PRODUCT, "lot-5", List.of("SN000099")))
                .isInstanceOf(ImprintException.class).extracting(e -> ((ImprintException) e).code())
                .isEqualTo(ProblemCode.SERIAL_NOT_AUTHORIZED);
        assertThat(registry.list(null)).isEmpty();
    }

    @Test
    void importFile_binaryFile_badReceiptNamingTheFileAndNothingRecorded() throws Exception {
        // found by ReceiptsFileFuzzTest: a non-UTF-8 file escaped as MalformedInputException "Input length = 1"
        Path binary = Files.write(dir.resolve("receipts.bin"), new byte[] {'i', 'm', (byte) 0xC3, 0x28, '\n'});

        assertThatThrownBy(() -> server.imprint().receiptImport().importFile(binary, null, receiptKey,
                ImportProgress.NONE)).isInstanceOfSatisfying(ImprintException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.BAD_RECEIPT);
                    assertThat(e.detail()).contains(binary.toString()).contains("not UTF-8");
                });
        assertThat(server.imprint().events().countsByOutcome(null, null)).isEmpty();
    }

    private Built build(String lot, int units) throws Exception {
        Map<String, SecretItems> unitSecrets = new LinkedHashMap<>();
        for (int i = 1; i <= units; i++) {
            unitSecrets.put("SN00000" + i, SecretItems.builder().add("device-key", new byte[] {(byte) i}).build());
        }
        BundleSpec spec = new BundleSpec(TestServer.PRODUCT, lot, SecretItems.builder().add("license", "L".getBytes())
                .build(), Map.of("disk-key", 32), unitSecrets, Optional.empty(), Instant.now().plusSeconds(3600));
        Path file = dir.resolve(lot + ".imb");
        BundleManifest m = new BundleBuilder(keys.mpKeyHmac("mp"), signer, receiptKey.publicKey(), Clock.systemUTC())
                .build(spec, file, BundleProgress.NONE);
        server.imprint().bundles().record(m);
        return new Built(Files.readAllBytes(file), signer.publicKey(),
                MpPublicKey.fromJdkKey((ECPublicKey) server.mpKey().getPublic()));
    }

    private record Built(byte[] bundle, ECPublicKey oem, MpPublicKey mp) {
        OpenedBundle open(String serial) throws Exception {
            return BundleOpener.open(bundle, oem, new BundleExpectation(TestServer.PRODUCT, serial, Optional.empty(),
                    Instant.now()), new RawMpKeyHmac(mp));
        }
    }

    private static byte[] chip(int n) {
        return new byte[] {0x0A, 0x0B, 0x0C, (byte) n};
    }

    /** The sealed line a device with {@code chip} writes: sealed to the receipt key of the bundle header. */
    static String line(KeyPair mp, byte[] chip, OpenedBundle opened) throws Exception {
        return ReceiptSeal.seal(opened.header().receiptPublicKey(), signed(mp, chip, opened)).format();
    }

    static SignedReceipt signed(KeyPair mp, byte[] chip, OpenedBundle opened) throws Exception {
        byte[] msg = BundleReceiptCodec.encode(new BundleReceipt(chip, opened.serial(), opened.header().bundleId(),
                opened.header().product(), StoredDigest.of(opened.items(), List.of()), 0, 0));
        return new SignedReceipt(msg, Mpmr.ZEROS, mpSign(mp, msg));
    }

    private static byte[] mpSign(KeyPair mp, byte[] msg) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(mp.getPrivate());
        s.update(Mpmr.ZEROS.bytes());
        s.update(msg);
        return s.sign();
    }
}
