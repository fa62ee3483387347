package io.imprint.server.store;

import java.time.Instant;

/**
 * One recorded attempt, accepted or refused.
 *
 * @param outcome {@code issued}, {@code reissued}, {@code provisioned} or a problem-code slug
 * @param evidenceSha256 lowercase hex SHA-256 of the signed bytes, or null when none were decoded
 * @param correlationId id of the HTTP request that caused it (in its problem document and log line), or null
 * @param method slug of the attestation method of the attempt, or null when none was known (rows before
 *     V11, operator changes, requests refused before their method was read; reports count null as caam-mp)
 */
public record EventRow(String id, Instant time, String product, String orderId, String chipId, String serial,
                       String outcome, String evidenceSha256, String detail, String correlationId, String method) {
    /** An event without a method. */
    public EventRow(String id, Instant time, String product, String orderId, String chipId, String serial,
                    String outcome, String evidenceSha256, String detail, String correlationId) {
        this(id, time, product, orderId, chipId, serial, outcome, evidenceSha256, detail, correlationId, null);
    }
}
