package io.imprint.server.admin;

import io.imprint.server.store.EventRow;

/**
 * One event-log entry as the admin API shows it; {@code correlationId} is that of the request that caused it,
 * {@code method} the attestation method of the attempt (null when not known).
 */
public record EventView(String id, String time, String product, String orderId, String chipId, String serial,
                        String outcome, String detail, String correlationId, String method) {
    static EventView of(EventRow e) {
        return new EventView(e.id(), e.time().toString(), e.product(), e.orderId(), e.chipId(), e.serial(),
                e.outcome(), e.detail(), e.correlationId(), e.method());
    }
}
