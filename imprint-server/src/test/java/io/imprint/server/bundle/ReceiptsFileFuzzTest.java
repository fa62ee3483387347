package io.imprint.server.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.bundle.BundleExpectation;
import io.imprint.protocol.bundle.BundleOpener;
import io.imprint.protocol.bundle.RawMpKeyHmac;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.products.ProductEnrollment;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.keystore.SoftwareKeyStore;
import io.imprint.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A receipts file ({@code imprint receipts import}) fed mutations of a genuine file and random
 * bytes, against a real SQLite store: every line either opens or is reported with its problem, and
 * the import fails only with an {@link ImprintException}.
 */
class ReceiptsFileFuzzTest {
    static Path dir;
    static Imprint imprint;
    static KeyPair mpKey;
    static ReceiptKeyAgreement receiptKey;
    static byte[] file;
    static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeContainer
    static void build() throws Exception {
        dir = Files.createTempDirectory("imprint-receipts-fuzz");
        imprint = Imprint.openOrCreate(ServerConfig.defaults(dir.resolve("data")));
        mpKey = TestDevice.newMpKey();
        imprint.products().enroll(new ProductEnrollment(TestServer.PRODUCT, "MIMX8MM6DVTLZAA",
                HexFormat.of().formatHex(TestDevice.SRK_HASH), TestDevice.publicKeyHex(mpKey), null, TestServer.POLICY));
        imprint.orders().create(new OrderRequest("lot-1", TestServer.PRODUCT, "Acme EMS", 10, "SN000001..SN000010"));
        SoftwareKeyStore keys = new SoftwareKeyStore(dir.resolve("keys"));
        keys.importMpKey("mp", MpPublicKey.fromJdkKey((ECPublicKey) mpKey.getPublic()));
        var signer = keys.createSigningKey("oem");
        receiptKey = keys.createReceiptKey("oem-receipt");
        Map<String, SecretItems> units = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            units.put("SN00000" + i, SecretItems.builder().add("device-key", new byte[] {(byte) i}).build());
        }
        BundleSpec spec = new BundleSpec(TestServer.PRODUCT, "lot-1", SecretItems.builder().add("license",
                "L".getBytes()).build(), Map.of("disk-key", 32), units, Optional.empty(), Instant.now().plusSeconds(3600));
        BundleManifest m = new BundleBuilder(keys.mpKeyHmac("mp"), signer, receiptKey.publicKey(), Clock.systemUTC())
                .build(spec, dir.resolve("lot.imb"), BundleProgress.NONE);
        imprint.bundles().record(m);
        byte[] bundle = Files.readAllBytes(dir.resolve("lot.imb"));
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            var opened = BundleOpener.open(bundle, signer.publicKey(), new BundleExpectation(TestServer.PRODUCT,
                    "SN00000" + i, Optional.empty(), Instant.now()), new RawMpKeyHmac(MpPublicKey.fromJdkKey(
                    (ECPublicKey) mpKey.getPublic())));
            text.append(ReceiptImportContract.line(mpKey, new byte[] {1, 2, 3, (byte) i}, opened)).append('\n');
        }
        file = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @AfterContainer
    static void stop() throws Exception {
        imprint.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<byte[]> files() {
        return Arbitraries.oneOf(Mutations.of(file), Mutations.randomBytes(3_000));
    }

    @Property(tries = 40)
    void importFile_mutatedOrRandomFile_summaryOrImprintException(@ForAll("files") byte[] content) throws Exception {
        Path receipts = Files.write(dir.resolve("receipts-" + COUNTER.incrementAndGet() + ".txt"), content);
        Fuzz.onlyThrows(() -> imprint.receiptImport().importFile(receipts, null, receiptKey,
                ImportProgress.NONE), ImprintException.class);
        Files.delete(receipts);
    }

    @Property(tries = 150)
    void openAll_mutatedLines_oneResultPerNonBlankLineNeverThrows(@ForAll("files") byte[] content) {
        List<String> lines = new ArrayList<>(new String(content, StandardCharsets.UTF_8).lines().toList());
        long nonBlank = lines.stream().filter(l -> !l.isBlank()).count();
        Fuzz.onlyThrows(() -> assertThat(OpenedLine.openAll(lines, receiptKey)).hasSize((int) nonBlank));
    }
}
