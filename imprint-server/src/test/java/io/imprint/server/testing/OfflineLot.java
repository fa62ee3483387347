package io.imprint.server.testing;

import io.imprint.protocol.bundle.BundleExpectation;
import io.imprint.protocol.bundle.BundleOpener;
import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.BundleReceiptCodec;
import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.bundle.OpenedBundle;
import io.imprint.protocol.bundle.RawMpKeyHmac;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.bundle.ReceiptSeal;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.server.bundle.BundleBuilder;
import io.imprint.server.bundle.BundleManifest;
import io.imprint.server.bundle.BundleProgress;
import io.imprint.server.bundle.BundleSpec;
import io.imprint.server.keystore.SoftwareKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lot-wide offline bundle of {@link TestServer#PRODUCT} for one order, built with a software key store
 * and recorded, and the sealed receipt lines its genuine chips write (signed with the server's MP key).
 */
public final class OfflineLot {
    private final TestServer server;
    private final byte[] bundle;
    private final ECPublicKey oem;
    private final ReceiptKeyAgreement receiptKey;

    private OfflineLot(TestServer server, byte[] bundle, ECPublicKey oem, ReceiptKeyAgreement receiptKey) {
        this.server = server;
        this.bundle = bundle;
        this.oem = oem;
        this.receiptKey = receiptKey;
    }

    /** Builds and records the bundle of {@code order} (an open device-serial order), keys under {@code dir}. */
    public static OfflineLot build(TestServer server, Path dir, String order) throws Exception {
        try (SoftwareKeyStore keys = new SoftwareKeyStore(Files.createDirectories(dir.resolve("lot-keys-" + order)))) {
            keys.importMpKey("mp", MpPublicKey.fromJdkKey((ECPublicKey) server.mpKey().getPublic()));
            BundleSigner signer = keys.createSigningKey("oem");
            ReceiptKeyAgreement receiptKey = keys.createReceiptKey("oem-receipt");
            BundleSpec spec = new BundleSpec(TestServer.PRODUCT, order, SecretItems.builder().build(),
                    Map.of("disk-key", 32), Map.of(), Optional.empty(), Instant.now().plusSeconds(3600));
            Path file = dir.resolve(order + ".imb");
            BundleManifest m = new BundleBuilder(keys.mpKeyHmac("mp"), signer, receiptKey.publicKey(),
                    Clock.systemUTC()).build(spec, file, BundleProgress.NONE);
            server.imprint().bundles().record(m);
            return new OfflineLot(server, Files.readAllBytes(file), signer.publicKey(), receiptKey);
        }
    }

    /** The OEM receipt key the lines are sealed to (the import opens them with it). */
    public ReceiptKeyAgreement receiptKey() {
        return receiptKey;
    }

    /** The sealed receipts-file line of chip {@code chipId} (hex) applying the bundle as {@code serial}. */
    public String line(String chipId, String serial) throws Exception {
        OpenedBundle opened = BundleOpener.open(bundle, oem, new BundleExpectation(TestServer.PRODUCT, serial,
                Optional.empty(), Instant.now()), new RawMpKeyHmac(MpPublicKey.fromJdkKey(
                        (ECPublicKey) server.mpKey().getPublic())));
        byte[] msg = BundleReceiptCodec.encode(new BundleReceipt(java.util.HexFormat.of().parseHex(chipId), serial,
                opened.header().bundleId(), TestServer.PRODUCT, StoredDigest.of(opened.items(), List.of()), 0, 0));
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(server.mpKey().getPrivate());
        s.update(Mpmr.ZEROS.bytes());
        s.update(msg);
        return ReceiptSeal.seal(opened.header().receiptPublicKey(), new SignedReceipt(msg, Mpmr.ZEROS, s.sign()))
                .format();
    }
}
