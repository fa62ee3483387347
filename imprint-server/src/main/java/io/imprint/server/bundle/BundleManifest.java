package io.imprint.server.bundle;

import java.util.Map;
import java.util.Optional;

/**
 * What the server must remember about a bundle it built, to reconcile receipts later. Holds no
 * secrets; the digests are SHA-256 over the stored items (see the threat model in
 * docs/offline-bundles.md for low-entropy secrets).
 *
 * @param bundleId lowercase hex of the 16-byte bundle id
 * @param lotDigest for bundles without per-unit items: the stored digest every unit reports
 * @param unitDigests for bundles with per-unit items: serial to the stored digest that unit reports
 */
public record BundleManifest(String bundleId, String product, String lot, long createdAt, long expiresAt,
        int unitCount, Optional<byte[]> lotDigest, Map<String, byte[]> unitDigests) {
    public BundleManifest {
        lotDigest = lotDigest.map(byte[]::clone);
        unitDigests = Map.copyOf(unitDigests);
    }

    /** The digest a unit with {@code serial} must report, if that serial belongs to the bundle. */
    public Optional<byte[]> expectedDigest(String serial) {
        return lotDigest.isPresent() ? lotDigest.map(byte[]::clone)
                : Optional.ofNullable(unitDigests.get(serial)).map(byte[]::clone);
    }
}
