package io.imprint.server.reports;

import java.util.List;
import java.util.Map;

/**
 * A production report. Times are ISO-8601 instants (UTC).
 *
 * @param filters the query filters as text ({@link ReportQuery#describe})
 * @param totals {@code issued}, {@code reissued}, {@code provisioned}, {@code refused} event counts
 * @param refusals refusal counts by problem code slug
 * @param hours per-hour counts, oldest first, only hours with events
 * @param cloneSuspects events refused as clones, oldest first
 * @param orders the orders in scope with their unit counts
 */
public record Report(Map<String, String> filters, Map<String, Long> totals, Map<String, Long> refusals, List<Hour> hours,
                     List<CloneSuspect> cloneSuspects, List<OrderProgress> orders) {

    /** Counts in one UTC hour starting at {@code hour}. */
    public record Hour(String hour, long issued, long provisioned, long refused) {
    }

    /** A refused event that suggests a cloned chip or serial. */
    public record CloneSuspect(String time, String code, String chip, String serial, String product, String order) {
    }

    /** An order's quota and its units by state. */
    public record OrderProgress(String name, String product, String contractManufacturer, String state,
                                long quantity, long used, long issued, long provisioned) {
    }
}
