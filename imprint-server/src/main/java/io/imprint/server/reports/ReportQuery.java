package io.imprint.server.reports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a report covers; null fields do not filter.
 *
 * @param order order name
 * @param cm contract manufacturer (events of its orders only)
 * @param from inclusive start of the time range
 * @param to exclusive end of the time range
 */
public record ReportQuery(String order, String cm, String product, Instant from, Instant to) {
    public static final ReportQuery ALL = new ReportQuery(null, null, null, null, null);

    public ReportQuery withCm(String value) {
        return new ReportQuery(order, value, product, from, to);
    }

    /** The filters as text, for audit details. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "order", order);
        put(m, "cm", cm);
        put(m, "product", product);
        put(m, "from", from);
        put(m, "to", to);
        return m;
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }
}
