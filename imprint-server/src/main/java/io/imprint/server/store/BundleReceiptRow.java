package io.imprint.server.store;

import java.time.Instant;

/**
 * One processed line of a receipts file, accepted or refused.
 *
 * @param lineSha256 lowercase hex SHA-256 of the line's text: the idempotency key
 * @param outcome {@code provisioned} or a problem slug
 * @param settled true when the verdict is final (the line is never evaluated again); false for a
 *     refusal that later state can change (the line is evaluated again on the next import)
 */
public record BundleReceiptRow(String lineSha256, String bundleId, String chipId, String serial, String outcome,
                               boolean settled, Instant importedAt) {
}
