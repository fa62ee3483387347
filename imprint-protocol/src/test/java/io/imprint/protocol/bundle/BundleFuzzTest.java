package io.imprint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The offline bundle and the sealed receipt formats fed mutations of valid files: mutated bundles
 * (refused at the signature or earlier), mutations re-signed with the OEM key (so they reach the
 * header, the KDF and the item decryption), mutated receipt lines and sealed contents.
 */
class BundleFuzzTest {
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static FixtureBundleSigner oem;
    static FixtureMpKey mp;
    static FixtureReceiptKey receiptKey;
    static byte[] bundle;
    static byte[] unsigned;
    static byte[] header;
    static String line;
    static byte[] signedContent;
    static byte[] bundleReceipt;

    @BeforeContainer
    static void build() throws Exception {
        oem = new FixtureBundleSigner();
        mp = new FixtureMpKey();
        receiptKey = new FixtureReceiptKey();
        BundleHeader h = BundleHeader.create("widget", "LOT-1", receiptKey.publicKey(), List.of("cloud-token"),
                List.of("device-key"), 2, Optional.of(new byte[32]), NOW.minusSeconds(60), NOW.plusSeconds(3600));
        Map<String, SecretItems> units = new LinkedHashMap<>();
        units.put("SN1", SecretItems.builder().add("device-key", new byte[] {1}).build());
        units.put("SN2", SecretItems.builder().add("device-key", new byte[] {2}).build());
        bundle = BundleSealer.seal(h, SecretItems.builder().add("cloud-token", new byte[] {9, 9}).build(), units,
                new RawMpKeyHmac(mp.publicKey()), oem, n -> { });
        unsigned = Arrays.copyOf(bundle, bundle.length - 4 - BundleContainer.SIGNATURE_BYTES);
        header = BundleContainer.parse(bundle).headerBytes;
        bundleReceipt = BundleReceiptCodec.encode(new BundleReceipt(new byte[8], "SN1", h.bundleId(), "widget",
                new byte[32], NOW.getEpochSecond(), 0));
        SignedReceipt signed = new SignedReceipt(bundleReceipt, Mpmr.ZEROS, mp.sign(Mpmr.ZEROS, bundleReceipt));
        signedContent = signed.encode();
        line = ReceiptSeal.seal(receiptKey.publicKey(), signed).format();
    }

    @Provide
    Arbitrary<byte[]> mutatedBundle() {
        return Mutations.of(bundle);
    }

    @Provide
    Arbitrary<byte[]> resignedBundle() {
        return Mutations.of(unsigned).map(BundleFuzzTest::signed);
    }

    @Provide
    Arbitrary<byte[]> mutatedHeader() {
        return Mutations.of(header);
    }

    @Provide
    Arbitrary<String> mutatedLine() {
        return Mutations.ofText(List.of(line));
    }

    @Provide
    Arbitrary<byte[]> mutatedContent() {
        return Mutations.of(List.of(signedContent, bundleReceipt));
    }

    @Property(tries = 150)
    void verifiedHeader_mutatedBundle_badBundle(@ForAll("mutatedBundle") byte[] input) {
        Fuzz.onlyRefuses(() -> BundleOpener.verifiedHeader(input, oem.publicKey()), ProblemCode.BAD_BUNDLE);
    }

    @Property(tries = 100)
    void open_mutatedAndResigned_badBundleOrItsOwnItems(@ForAll("resignedBundle") byte[] input) {
        Fuzz.onlyRefuses(() -> BundleOpener.open(input, oem.publicKey(),
                new BundleExpectation("widget", "SN1", Optional.of(new byte[32]), NOW),
                new RawMpKeyHmac(mp.publicKey())).destroy(), ProblemCode.BAD_BUNDLE);
    }

    @Property(tries = 300)
    void headerDecode_mutatedHeader_badBundleOrCanonical(@ForAll("mutatedHeader") byte[] input) {
        Fuzz.onlyRefuses(() -> assertThat(BundleHeaderCodec.encode(BundleHeaderCodec.decode(input)))
                .isEqualTo(input), ProblemCode.BAD_BUNDLE);
    }

    @Property(tries = 300)
    void parseAndOpen_mutatedReceiptLine_badReceiptOrSecurityException(@ForAll("mutatedLine") String input) {
        Fuzz.onlyThrows(() -> {
            SealedReceiptLine parsed = SealedReceiptLine.parse(input);
            ReceiptSeal.open(receiptKey, parsed).receipt();
        }, ImprintException.class, GeneralSecurityException.class);
        Exception e = Fuzz.thrown(() -> SealedReceiptLine.parse(input));
        if (e instanceof ImprintException ie) {
            assertThat(ie.code()).isEqualTo(ProblemCode.BAD_RECEIPT);
        }
    }

    @Property(tries = 300)
    void decode_mutatedSealedContentOrReceipt_badReceipt(@ForAll("mutatedContent") byte[] input) {
        Fuzz.onlyRefuses(() -> SignedReceipt.decode(input).receipt(), ProblemCode.BAD_RECEIPT);
        Fuzz.onlyRefuses(() -> BundleReceiptCodec.decode(input), ProblemCode.BAD_RECEIPT);
    }

    /** {@code prefix} (a mutated unsigned bundle) with a valid OEM signature appended. */
    private static byte[] signed(byte[] prefix) {
        try {
            byte[] signature = oem.sign(BundleContainer.signedMessage(prefix, prefix.length));
            byte[] out = Arrays.copyOf(prefix, prefix.length + 4 + signature.length);
            out[prefix.length + 3] = (byte) signature.length;
            System.arraycopy(signature, 0, out, prefix.length + 4, signature.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Example
    void fixture_validBundleAndLine_open() throws Exception {
        assertThat(BundleOpener.open(signed(unsigned), oem.publicKey(), new BundleExpectation("widget", "SN2",
                Optional.of(new byte[32]), NOW), new RawMpKeyHmac(mp.publicKey())).items().names())
                .containsExactly("cloud-token", "device-key");
        assertThat(HexFormat.of().formatHex(ReceiptSeal.open(receiptKey, SealedReceiptLine.parse(line)).receipt()
                .bundleId())).isEqualTo(line.split(" ")[1]);
    }
}
