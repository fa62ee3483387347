package io.imprint.device.bundle;

import java.util.HexFormat;
import java.util.List;

/**
 * The result of applying a bundle: what was stored and the receipt line appended to the receipts file.
 * Holds no secrets.
 */
public record AppliedBundle(String bundleId, String product, String serial, List<String> storedNames,
        byte[] storedDigest, String receiptLine) {
    public AppliedBundle {
        storedNames = List.copyOf(storedNames);
        storedDigest = storedDigest.clone();
    }

    @Override
    public byte[] storedDigest() {
        return storedDigest.clone();
    }

    public String storedDigestHex() {
        return HexFormat.of().formatHex(storedDigest);
    }
}
