package io.imprint.server.store;

import java.time.Instant;

/**
 * A recorded offline bundle (no secrets).
 *
 * @param bundleId lowercase hex of the 16-byte bundle id
 * @param lot the order name the bundle was built for
 * @param createdAt bundle header creation time, epoch seconds
 * @param expiresAt bundle header expiry, epoch seconds
 * @param lotDigest lowercase hex stored digest every unit reports (lot-only bundles), else null
 */
public record BundleRow(String bundleId, String product, String lot, String orderId, long createdAt, long expiresAt,
                        int unitCount, String lotDigest, Instant recordedAt) {
}
