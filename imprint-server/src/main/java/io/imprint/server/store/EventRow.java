package io.imprint.server.store;

import java.time.Instant;

/**
 * One recorded attempt, accepted or refused.
 *
 * @param outcome {@code issued}, {@code reissued}, {@code provisioned} or a problem-code slug
 * @param evidenceSha256 lowercase hex SHA-256 of the signed bytes, or null when none were decoded
 * @param correlationId id of the HTTP request that caused it (in its problem document and log line), or null
 */
public record EventRow(String id, Instant time, String product, String orderId, String chipId, String serial,
                       String outcome, String evidenceSha256, String detail, String correlationId) {
}
