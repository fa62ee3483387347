package io.imprint.server.alerts;

import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.store.EventRow;
import java.time.Instant;
import java.util.Locale;

/**
 * One alert, as posted to the webhook:
 * {@code {class, code, product, order, chip, serial, time, correlation, correlationId}}.
 *
 * @param alertClass the refusal's {@link ProblemCode#alertClass()} in lowercase with dashes, e.g. {@code clone}
 * @param code the problem code slug, e.g. {@code serial-in-use}
 * @param order the order id the event was attributed to, or null
 * @param time ISO-8601 instant of the refusal
 * @param correlation the id of the event-log entry (unique per alert: receivers dedupe on it)
 * @param correlationId the id of the refused request, as in its problem document, log line and event row;
 *                      null when no HTTP request caused the refusal
 */
public record Alert(String alertClass, String code, String product, String order, String chip, String serial,
                    String time, String correlation, String correlationId) {

    /** The alert for a refusal {@code code} of event {@code e}, or null when the code raises none. */
    public static Alert of(EventRow e, ProblemCode code) {
        if (code.alertClass() == io.imprint.protocol.problem.AlertClass.NONE) {
            return null;
        }
        return new Alert(code.alertClass().name().toLowerCase(Locale.ROOT).replace('_', '-'), code.slug(),
                e.product(), e.orderId(), e.chipId(), e.serial(), e.time().toString(), e.id(), e.correlationId());
    }

    public Instant instant() {
        return Instant.parse(time);
    }
}
