package io.imprint.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON payloads: one object of string fields, keys sorted, null values left out, no
 * whitespace. The hash covers the exact stored string, so verification never re-serializes.
 */
public final class AuditPayload {
    /** Largest payload in UTF-8 bytes. */
    public static final int MAX_BYTES = 16 * 1024;
    private static final int MAX_KEY = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditPayload() {
    }

    /** The canonical JSON of {@code fields}; refuses empty or over-long keys and payloads over {@link #MAX_BYTES}. */
    public static String of(Map<String, String> fields) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String key = f.getKey();
            if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "audit payload key must be 1.." + MAX_KEY + " chars");
            }
            if (f.getValue() != null) {
                sorted.put(key, f.getValue());
            }
        }
        String json;
        try {
            json = JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode audit payload", e);
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE, "audit payload over " + MAX_BYTES + " bytes");
        }
        return json;
    }
}
