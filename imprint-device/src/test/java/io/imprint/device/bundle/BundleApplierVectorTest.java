package io.imprint.device.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.FixedMpChip;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.protocol.bundle.FixtureReceiptKey;
import io.imprint.protocol.bundle.ReceiptSeal;
import io.imprint.protocol.bundle.SealedReceiptLine;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.testing.FixedKeys;
import io.imprint.protocol.testing.VectorFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device code applies {@code vectors/bundle-v1.txt} and writes a line that opens to exactly the
 * signed receipt of {@code vectors/bundle-receipt-v1.txt} (the line itself differs: a device seals
 * with a fresh ephemeral key and IV).
 */
class BundleApplierVectorTest {
    private static final VectorFile BUNDLE = VectorFile.load("bundle-v1.txt");
    private static final VectorFile RECEIPT = VectorFile.load("bundle-receipt-v1.txt");

    @TempDir Path dir;

    @Test
    void apply_vectorBundle_writesTheVectorReceipt() throws Exception {
        FixedMpChip chip = new FixedMpChip(RECEIPT.text("mpScalar"), Mpmr.of(RECEIPT.hex("mpmr")),
                RECEIPT.hex("chipId"), new byte[32]);
        EmulatedCaamBlobStore store = new EmulatedCaamBlobStore(dir.resolve("blobs"), EmulatedCaamChip.builder(
                "MIMX8MM6", new byte[32], "vector blob store seed 000000001".getBytes()).build());
        ReceiptsFile receipts = new ReceiptsFile(dir.resolve("receipts.txt"));

        AppliedBundle applied = new BundleApplier(chip, chip, store, receipts).apply(BUNDLE.hex("bundle"),
                (ECPublicKey) FixedKeys.p256(BUNDLE.text("oemScalar")).getPublic(), RECEIPT.text("product"),
                RECEIPT.text("serial"), Optional.of(BUNDLE.hex("imageDigest")),
                Instant.ofEpochSecond(RECEIPT.number("appliedAt")));

        String line = Files.readAllLines(receipts.path()).get(0);
        SignedReceipt opened = ReceiptSeal.open(new FixtureReceiptKey(FixedKeys.p256(RECEIPT.text("receiptScalar"))),
                SealedReceiptLine.parse(line));
        assertThat(opened.encode()).isEqualTo(RECEIPT.hex("content"));
        assertThat(applied.storedDigest()).isEqualTo(RECEIPT.hex("storedDigest"));
        assertThat(store.get("device-secret").orElseThrow()).isEqualTo(RECEIPT.hex("item.device-secret"));
    }
}
