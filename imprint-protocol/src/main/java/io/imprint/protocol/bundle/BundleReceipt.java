package io.imprint.protocol.bundle;

import java.util.HexFormat;

/**
 * What a device signs with its MP key after storing a bundle's secrets, so offline production
 * becomes countable.
 *
 * @param chipId the chip's unique ID from its fuses (4..32 bytes)
 * @param serial the serial the unit was built as
 * @param bundleId the applied bundle's id (16 bytes)
 * @param product the bundle's product
 * @param storedDigest {@link io.imprint.protocol.envelope.StoredDigest} of the stored items, no certificates
 * @param appliedAt the device's clock when it applied the bundle, epoch seconds (not trusted)
 * @param counter how many bundle applications this receipts file held before this one (0-based)
 */
public record BundleReceipt(byte[] chipId, String serial, byte[] bundleId, String product, byte[] storedDigest,
        long appliedAt, long counter) {
    public BundleReceipt {
        chipId = chipId.clone();
        bundleId = bundleId.clone();
        storedDigest = storedDigest.clone();
    }

    @Override public byte[] chipId() { return chipId.clone(); }
    @Override public byte[] bundleId() { return bundleId.clone(); }
    @Override public byte[] storedDigest() { return storedDigest.clone(); }

    public String chipIdHex() {
        return HexFormat.of().withUpperCase().formatHex(chipId);
    }

    public String bundleIdHex() {
        return HexFormat.of().formatHex(bundleId);
    }
}
