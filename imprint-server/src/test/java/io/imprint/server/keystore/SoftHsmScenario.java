package io.imprint.server.keystore;

import io.imprint.protocol.bundle.BundleKdf;
import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.crypto.Hkdf;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.server.bundle.BundleBuilder;
import io.imprint.server.bundle.BundleManifest;
import io.imprint.server.bundle.BundleProgress;
import io.imprint.server.bundle.BundleSpec;
import io.imprint.server.bundle.OpenedLine;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.crypto.EcPoints;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Runs in a child JVM started by {@link Pkcs11KeyStoreTest} with SOFTHSM2_CONF pointing at a
 * private token directory (a JVM cannot change its own environment). Prints key=value facts and
 * writes the bundle it built; the parent test asserts on them.
 * Arguments: pkcs11 URI, output directory, product MP public key hex.
 */
public final class SoftHsmScenario {
    public static void main(String[] args) throws Exception {
        HexFormat hex = HexFormat.of();
        Path out = Path.of(args[1]);
        KeyStoreUris uris = new KeyStoreUris(KeyStoreUris.SOFTHSM2_MODULE);
        if (args.length > 3 && args[3].equals("open-receipts")) {
            openReceipts(uris, args[0], out);
            return;
        }
        KdfVector vector = KdfVector.load();
        try (KeyStoreBackend token = uris.open(args[0])) {
            new MpKeyImportService().importMpKey(token, "vector-mp", MpPublicKey.fromRaw(vector.mpKey()));
            new MpKeyImportService().importMpKey(token, "widget-mp", MpPublicKey.parse(args[2]));
            try {
                token.importMpKey("widget-mp", MpPublicKey.parse(args[2]));
                System.out.println("reimport=accepted");
            } catch (KeyStoreException e) {
                System.out.println("reimport=refused");
            }
            token.createSigningKey("oem-bundle");
            token.createReceiptKey("oem-receipt");
            try {
                token.createReceiptKey("oem-bundle");
                System.out.println("receiptOverSigning=accepted");
            } catch (KeyStoreException e) {
                System.out.println("receiptOverSigning=refused");
            }
        }
        // A fresh provider instance and login: everything below is read back from the token.
        try (KeyStoreBackend token = uris.open(args[0])) {
            KeyProtection p = token.mpKeyProtection("widget-mp");
            System.out.println("tokenObject=" + p.tokenObject());
            System.out.println("sensitive=" + p.sensitive());
            System.out.println("extractable=" + p.extractable());
            System.out.println("valueReadable=" + p.valueReadable());
            System.out.println("source=" + p.source());
            byte[] key = Hkdf.expand(token.mpKeyHmac("vector-mp").newMac(), BundleKdf.info(vector.header()), 32);
            System.out.println("kdf=" + hex.formatHex(key));
            BundleSigner signer = token.signingKey("oem-bundle");
            Files.write(out.resolve("oem.pub"), signer.publicKey().getEncoded());
            BundleSpec spec = new BundleSpec("widget", "LOT-HSM", SecretItems.builder().build(), Map.of("disk-key", 32),
                    Map.of(), Optional.empty(), Instant.parse("2030-01-01T00:00:00Z"));
            ReceiptKeyAgreement receiptKey = token.receiptKey("oem-receipt");
            System.out.println("receiptKey=" + hex.formatHex(EcPoints.toUncompressed(receiptKey.publicKey())));
            BundleManifest m = new BundleBuilder(token.mpKeyHmac("widget-mp"), signer, receiptKey.publicKey(),
                    Clock.systemUTC())
                    .build(spec, out.resolve("hsm.bundle"), BundleProgress.NONE);
            System.out.println("bundleId=" + m.bundleId());
            System.out.println("lotDigest=" + hex.formatHex(m.lotDigest().orElseThrow()));
        }
    }

    /** Opens {@code receipts.txt} in {@code out} with the token's receipt key (ECDH in the token). */
    private static void openReceipts(KeyStoreUris uris, String uri, Path out) throws Exception {
        try (KeyStoreBackend token = uris.open(uri)) {
            List<String> lines = Files.readAllLines(out.resolve("receipts.txt"));
            for (OpenedLine line : OpenedLine.openAll(lines, token.receiptKey("oem-receipt"))) {
                System.out.println("line" + line.number() + "=" + line.signed()
                        .map(sr -> "opened " + HexFormat.of().formatHex(sr.receiptBytes()))
                        .orElse("refused " + line.problem()));
            }
        }
    }

    private SoftHsmScenario() {
    }
}
