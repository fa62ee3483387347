package io.imprint.device.bundle;

import io.imprint.device.backend.ChipFuses;
import io.imprint.device.backend.MpBackend;
import io.imprint.device.backend.MpSignature;
import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.bundle.BundleExpectation;
import io.imprint.protocol.bundle.BundleOpener;
import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.BundleReceiptCodec;
import io.imprint.protocol.bundle.OpenedBundle;
import io.imprint.protocol.bundle.RawMpKeyHmac;
import io.imprint.protocol.bundle.ReceiptSeal;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code imprint device apply-bundle}: verifies a bundle against the OEM bundle key, checks product,
 * expiry and image digest, derives the bundle key from this chip's own MP public key, decrypts
 * every item, and only then stores them and appends an MP-signed receipt, sealed to the OEM receipt
 * key from the bundle header ({@link ReceiptSeal}), to the receipts file: the MP signature never
 * appears in the clear (it would reveal the MP public key, the bundle secret).
 * A refused bundle is an {@link ImprintException} with {@link ProblemCode#BAD_BUNDLE} and nothing
 * is stored. If storing fails midway, the items stored by this call are removed again.
 */
public final class BundleApplier {
    private final MpBackend mp;
    private final ChipFuses fuses;
    private final SecureStore store;
    private final ReceiptsFile receipts;

    public BundleApplier(MpBackend mp, ChipFuses fuses, SecureStore store, ReceiptsFile receipts) {
        this.mp = mp;
        this.fuses = fuses;
        this.store = store;
        this.receipts = receipts;
    }

    public AppliedBundle apply(byte[] bundle, ECPublicKey oemBundleKey, String expectedProduct, String serial,
            Optional<byte[]> imageDigest, Instant now) throws IOException {
        Fields.identifier("serial", serial);
        Fields.identifier("product", expectedProduct);
        OpenedBundle opened;
        try {
            opened = BundleOpener.open(bundle, oemBundleKey,
                    new BundleExpectation(expectedProduct, serial, imageDigest, now), new RawMpKeyHmac(mp.publicKey()));
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.INTERNAL, "cannot read this chip's MP public key: " + e.getMessage(), e);
        }
        try {
            SecretItems items = opened.items();
            store(items);
            byte[] digest = StoredDigest.of(items, List.of());
            String line = writeReceipt(opened, serial, digest, now);
            return new AppliedBundle(opened.header().bundleIdHex(), opened.header().product(), serial, items.names(),
                    digest, line);
        } finally {
            opened.destroy();
        }
    }

    private void store(SecretItems items) throws IOException {
        List<String> done = new ArrayList<>();
        try {
            for (String name : items.names()) {
                byte[] value = items.value(name);
                try {
                    store.put(name, value);
                } finally {
                    Arrays.fill(value, (byte) 0);
                }
                done.add(name);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            for (String name : done) {
                store.delete(name);
            }
            throw new ImprintException(ProblemCode.INTERNAL, "storing bundle items failed, nothing kept: " + e.getMessage(), e);
        }
    }

    private String writeReceipt(OpenedBundle opened, String serial, byte[] digest, Instant now) throws IOException {
        BundleReceipt receipt = new BundleReceipt(fuses.chipId(), serial, opened.header().bundleId(),
                opened.header().product(), digest, now.getEpochSecond(), receipts.count());
        byte[] message = BundleReceiptCodec.encode(receipt);
        MpSignature sig;
        try {
            sig = mp.sign(message);
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.INTERNAL, "MP signing of the receipt failed (items are stored): "
                    + e.getMessage(), e);
        }
        String line;
        try {
            line = ReceiptSeal.seal(opened.header().receiptPublicKey(), new SignedReceipt(message, sig.mpmr(), sig.rs()))
                    .format();
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.INTERNAL, "sealing the receipt failed (items are stored): "
                    + e.getMessage(), e);
        }
        receipts.append(line);
        return line;
    }
}
