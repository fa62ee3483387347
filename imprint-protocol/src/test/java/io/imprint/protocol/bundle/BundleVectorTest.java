package io.imprint.protocol.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.testing.DeterministicEcdsa;
import io.imprint.protocol.testing.FixedKeys;
import io.imprint.protocol.testing.VectorFile;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Recomputes {@code vectors/bundle-v1.txt} (IMPRINT/BUNDLE/v1, format version 2) from its inputs
 * with the production sealer, the item IVs fixed through the test seam and the OEM key signing
 * with RFC 6979.
 */
class BundleVectorTest {
    static final VectorFile V = VectorFile.load("bundle-v1.txt");
    private static final String[][] ITEMS = {{"lot", "disk-key", ""}, {"SN000001", "device-secret", "SN000001"},
            {"SN000002", "device-secret", "SN000002"}};

    static BundleHeader header() {
        return new BundleHeader((int) V.number("formatVersion"), V.hex("bundleId"), V.text("product"), V.text("lot"),
                (int) V.number("kdfAlgorithm"), V.hex("salt"), V.hex("receiptKey"),
                List.of(V.text("lotItemNames")), List.of(V.text("unitItemNames")), V.number("unitCount"),
                Optional.of(V.hex("imageDigest")), V.number("createdAt"), V.number("expiresAt"));
    }

    static ECPublicKey oemKey() throws GeneralSecurityException {
        return (ECPublicKey) FixedKeys.p256(V.text("oemScalar")).getPublic();
    }

    static RawMpKeyHmac mpHmac() throws GeneralSecurityException {
        return new RawMpKeyHmac(MpPublicKey.fromRaw(V.hex("mpPublicKey")));
    }

    @Test
    void header_vectorInputs_encodeToTheVectorHeader() {
        byte[] encoded = BundleHeaderCodec.encode(header());
        assertThat(encoded).isEqualTo(V.hex("header"));
        assertThat(BundleHeaderCodec.digest(encoded)).isEqualTo(V.hex("headerDigest"));
        assertThat(BundleHeaderCodec.decode(encoded).bundleIdHex()).isEqualTo(V.text("bundleId"));
    }

    @Test
    void kdf_vector_derivesTheBundleKey() throws Exception {
        assertThat(BundleKdf.info(header())).isEqualTo(V.hex("kdfInfo"));
        BundleKey key = BundleKdf.derive(mpHmac(), header());
        assertThat(key.bytes()).isEqualTo(V.hex("bundleKey"));
    }

    @Test
    void items_vector_sealToTheVectorItems() throws Exception {
        BundleKey key = BundleKdf.derive(mpHmac(), header());
        for (String[] item : ITEMS) {
            String p = item[0] + "." + item[1] + ".";
            assertThat(BundleItemCipher.aad(V.hex("headerDigest"), item[1], item[2])).as(p + "aad")
                    .isEqualTo(V.hex(p + "aad"));
            assertThat(BundleItemCipher.seal(key, V.hex("headerDigest"), item[1], item[2], V.hex(p + "value"),
                    V.hex(p + "iv"))).as(p + "sealed").isEqualTo(V.hex(p + "sealed"));
        }
    }

    @Test
    void seal_vectorInputs_givesTheVectorBundle() throws Exception {
        Deque<byte[]> ivs = new ArrayDeque<>();
        for (String[] item : ITEMS) {
            ivs.add(V.hex(item[0] + "." + item[1] + ".iv"));
        }
        byte[][] signed = new byte[1][];
        BigInteger oem = new BigInteger(1, V.hex("oemScalar"));
        BundleSigner signer = new BundleSigner() {
            @Override
            public byte[] sign(byte[] message) {
                signed[0] = message;
                return DeterministicEcdsa.sign(oem, message);
            }

            @Override
            public ECPublicKey publicKey() throws GeneralSecurityException {
                return oemKey();
            }
        };
        Map<String, SecretItems> units = new LinkedHashMap<>();
        for (String serial : List.of("SN000001", "SN000002")) {
            units.put(serial, SecretItems.builder().add("device-secret", V.hex(serial + ".device-secret.value")).build());
        }
        byte[] bundle = BundleSealer.seal(header(), SecretItems.builder().add("disk-key", V.hex("lot.disk-key.value"))
                .build(), units, mpHmac(), signer, n -> { }, ivs::remove);

        assertThat(bundle).isEqualTo(V.hex("bundle"));
        assertThat(signed[0]).isEqualTo(V.hex("signed"));
        byte[] beforeSignature = Arrays.copyOf(bundle, bundle.length - 4 - 64);
        assertThat(BundleContainer.signedMessage(beforeSignature, beforeSignature.length)).isEqualTo(V.hex("signed"));
        assertThat(Arrays.copyOfRange(V.hex("signed"), V.hex("signed").length - 32, V.hex("signed").length))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(beforeSignature));
        assertThat(Arrays.copyOfRange(bundle, bundle.length - 64, bundle.length)).isEqualTo(V.hex("signature"));
    }

    @Test
    void open_vectorBundle_givesTheUnitsItems() throws Exception {
        KeyPair oem = FixedKeys.p256(V.text("oemScalar"));
        OpenedBundle opened = BundleOpener.open(V.hex("bundle"), (ECPublicKey) oem.getPublic(),
                new BundleExpectation(V.text("product"), "SN000002", Optional.of(V.hex("imageDigest")),
                        Instant.ofEpochSecond(V.number("expiresAt"))), mpHmac());
        assertThat(opened.items().names()).containsExactly("disk-key", "device-secret");
        assertThat(opened.items().value("disk-key")).isEqualTo(V.hex("lot.disk-key.value"));
        assertThat(opened.items().value("device-secret")).isEqualTo(V.hex("SN000002.device-secret.value"));
    }
}
