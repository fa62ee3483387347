package io.imprint.protocol.bundle;

import java.time.Instant;
import java.util.Optional;

/**
 * What the device knows and a bundle must agree with.
 *
 * @param product the product this device is built as
 * @param serial the serial assigned to this unit (needed when the bundle has per-unit items)
 * @param imageDigest SHA-256 of the image the device runs, required when the bundle is bound to one
 * @param now the device's clock, for the expiry check
 */
public record BundleExpectation(String product, String serial, Optional<byte[]> imageDigest, Instant now) {
    public BundleExpectation {
        imageDigest = imageDigest.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> imageDigest() {
        return imageDigest.map(byte[]::clone);
    }
}
