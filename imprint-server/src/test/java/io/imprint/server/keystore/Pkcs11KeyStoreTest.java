package io.imprint.server.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.protocol.bundle.BundleExpectation;
import io.imprint.protocol.bundle.BundleOpener;
import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.BundleReceiptCodec;
import io.imprint.protocol.bundle.FixtureMpKey;
import io.imprint.protocol.bundle.OpenedBundle;
import io.imprint.protocol.bundle.RawMpKeyHmac;
import io.imprint.protocol.bundle.FixtureReceiptKey;
import io.imprint.protocol.bundle.ReceiptSeal;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.server.bundle.BundleManifest;
import io.imprint.server.bundle.BundleReceiptResult.VerifiedBundleReceipt;
import io.imprint.server.bundle.BundleReceiptVerifier;
import io.imprint.server.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SoftHSM2 token in a private directory: MP key import (read back sensitive, non-extractable),
 * KDF in the token equal to the checked-in vector, and build (token) -> open (software) -> receipt.
 */
class Pkcs11KeyStoreTest {
    @TempDir static Path dir;
    static Map<String, String> facts = new HashMap<>();
    static FixtureMpKey productMp;
    static String uri;
    static Path conf;

    @BeforeAll
    static void runScenarioInSoftHsm() throws Exception {
        assumeTrue(ChildProcess.onPath("softhsm2-util"), "softhsm2-util not installed (apt-get install softhsm2): PKCS#11 tests skipped");
        assumeTrue(Files.exists(KeyStoreUris.SOFTHSM2_MODULE), "SoftHSM2 module missing: PKCS#11 tests skipped");
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        conf = dir.resolve("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        run(List.of("softhsm2-util", "--init-token", "--free", "--label", "imprint-test", "--pin", "1234",
                "--so-pin", "5678"), conf);
        productMp = new FixtureMpKey();
        Files.writeString(dir.resolve("pin"), "1234\n");
        uri = "pkcs11:token=imprint-test?pin-source=file:" + dir.resolve("pin");
        parseFacts(scenario());
    }

    private static String scenario(String... extra) throws Exception {
        List<String> cmd = ChildProcess.jvm(SoftHsmScenario.class);
        cmd.addAll(List.of(uri, dir.toString(), productMp.publicKey().hex()));
        cmd.addAll(List.of(extra));
        return run(cmd, conf);
    }

    private static void parseFacts(String output) {
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
    }

    @Test
    void importMpKey_softHsm_readsBackSensitiveNonExtractableTokenObject() {
        assertThat(facts).containsEntry("tokenObject", "true").containsEntry("sensitive", "true")
                .containsEntry("extractable", "false").containsEntry("valueReadable", "false");
        assertThat(facts.get("source")).contains("token object, sensitive, unextractable");
    }

    @Test
    void importMpKey_existingLabel_isRefused() {
        assertThat(facts).containsEntry("reimport", "refused");
    }

    @Test
    void kdf_inToken_equalsCheckedInVector() throws Exception {
        assertThat(facts.get("kdf")).isEqualTo(KdfVector.load().keyHex());
    }

    @Test
    void build_inToken_opensInSoftwareAndReceiptVerifies() throws Exception {
        ECPublicKey oem = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve("oem.pub"))));
        Instant now = Instant.parse("2029-01-01T00:00:00Z");
        OpenedBundle opened = BundleOpener.open(Files.readAllBytes(dir.resolve("hsm.bundle")), oem,
                new BundleExpectation("widget", "SN-1", Optional.empty(), now), new RawMpKeyHmac(productMp.publicKey()));
        assertThat(opened.items().names()).containsExactly("disk-key");
        byte[] digest = StoredDigest.of(opened.items(), List.of());
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(facts.get("lotDigest"));
        byte[] msg = BundleReceiptCodec.encode(new BundleReceipt(new byte[] {5, 5, 5, 5}, "SN-1",
                opened.header().bundleId(), "widget", digest, now.getEpochSecond(), 0));
        assertThat(HexFormat.of().formatHex(EcPoints.toUncompressed(opened.header().receiptPublicKey())))
                .isEqualTo(facts.get("receiptKey"));
        SignedReceipt signed = new SignedReceipt(msg, Mpmr.OPTEE_FILL, productMp.sign(Mpmr.OPTEE_FILL, msg));
        String sealed = ReceiptSeal.seal(opened.header().receiptPublicKey(), signed).format();
        String elsewhere = ReceiptSeal.seal(new FixtureReceiptKey().publicKey(), signed).format();
        Files.write(dir.resolve("receipts.txt"), List.of(sealed, elsewhere));

        Map<String, String> openedInToken = new HashMap<>();
        for (String line : scenario("open-receipts").split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("line") && eq > 0) {
                openedInToken.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        assertThat(openedInToken.get("line1")).isEqualTo("opened " + HexFormat.of().formatHex(msg));
        assertThat(openedInToken.get("line2")).startsWith("refused sealed receipt does not open");
        BundleManifest manifest = new BundleManifest(facts.get("bundleId"), "widget", "LOT-HSM", 0, 1, 0,
                Optional.of(HexFormat.of().parseHex(facts.get("lotDigest"))), Map.of());
        FixtureReceiptKey softwareStandIn = new FixtureReceiptKey();
        String line = ReceiptSeal.seal(softwareStandIn.publicKey(), signed).format();
        assertThat(new BundleReceiptVerifier().verify(List.of(line), softwareStandIn, productMp.publicKey(),
                Map.of(manifest.bundleId(), manifest))).singleElement().isInstanceOf(VerifiedBundleReceipt.class);
    }

    @Test
    void createReceiptKey_labelOfSigningKey_isRefused() {
        assertThat(facts).containsEntry("receiptOverSigning", "refused");
    }

    private static String run(List<String> command, Path conf) throws Exception {
        return ChildProcess.run(command, Map.of("SOFTHSM2_CONF", conf.toString()));
    }
}
