package io.imprint.server.bundle;

/**
 * A bundle as the registry knows it: which order it counts against. Holds no secrets.
 *
 * @param createdAt header creation time, epoch seconds
 * @param expiresAt header expiry, epoch seconds
 */
public record BundleRecord(String bundleId, String product, String lot, String orderId, long createdAt,
                           long expiresAt, int unitCount) {
}
