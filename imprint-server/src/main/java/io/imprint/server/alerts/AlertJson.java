package io.imprint.server.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook body: {@code {"class", "code", "product", "order", "chip", "serial", "time", "correlation",
 * "correlationId"}}.
 */
final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    static String write(Alert a) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("class", a.alertClass());
        body.put("code", a.code());
        body.put("product", a.product());
        body.put("order", a.order());
        body.put("chip", a.chip());
        body.put("serial", a.serial());
        body.put("time", a.time());
        body.put("correlation", a.correlation());
        body.put("correlationId", a.correlationId());
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an alert", e);
        }
    }
}
