package io.imprint.server.reports;

import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.EventLog;
import io.imprint.server.orders.Reconciliations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Running counts of a {@link Report} while the events stream by, oldest first: accepted outcomes and
 * refusals (outcomes that are problem code slugs) by path; everything else (order life cycle, policy
 * changes, repeated receipts) is not production and is skipped.
 */
final class EventTally {
    /** Outcomes that are clone suspicions. */
    static final Set<String> CLONE_CODES = Set.of(ProblemCode.CHIP_SERIAL_MISMATCH.slug(),
            ProblemCode.SERIAL_IN_USE.slug(), ProblemCode.CHIP_ALREADY_PROVISIONED.slug());
    /** Total of every refusal. */
    static final String REFUSED = "refused";
    private static final List<String> ACCEPTED = List.of(EventLog.ISSUED, EventLog.REISSUED,
            Reconciliations.REPROVISIONED, EventLog.PROVISIONED);
    private static final int MAX_SUSPECTS = 10_000;
    private static final long HOUR_MILLIS = 3_600_000L;

    private final Map<String, String> orderNames;
    private final Map<String, Report.Counts> totals = new LinkedHashMap<>();
    private final Map<String, Report.Counts> refusals = new TreeMap<>();
    private final TreeMap<Long, Report.Counts[]> hours = new TreeMap<>();
    private final List<Report.CloneSuspect> suspects = new ArrayList<>();
    private final Map<String, Report.Counts[]> methods = new TreeMap<>();

    /** {@code orderNames}: order id to name, for the suspects' order column. */
    EventTally(Map<String, String> orderNames) {
        this.orderNames = orderNames;
        for (String k : ACCEPTED) {
            totals.put(k, Report.Counts.ZERO);
        }
        totals.put(REFUSED, Report.Counts.ZERO);
    }

    /** {@code method}: the event's method slug, null (an event written before V11) counts as caam-mp. */
    void add(long at, String outcome, String chip, String serial, String product, String orderId, String path,
             String method) {
        boolean accepted = ACCEPTED.contains(outcome);
        if (!accepted && !ProblemCode.isSlug(outcome)) {
            return; // order life cycle, policy changes and other administrative events are not production
        }
        Report.Counts[] hour = hours.computeIfAbsent(Math.floorDiv(at, HOUR_MILLIS),
                h -> new Report.Counts[] {Report.Counts.ZERO, Report.Counts.ZERO, Report.Counts.ZERO});
        Report.Counts[] byMethod = methods.computeIfAbsent(method == null ? AttestationMethod.CAAM_MP.slug() : method,
                m -> new Report.Counts[] {Report.Counts.ZERO, Report.Counts.ZERO});
        if (accepted) {
            totals.merge(outcome, Report.Counts.ZERO.plus(path, 1), (a, b) -> a.plus(path, 1));
            if (EventLog.ISSUED.equals(outcome)) {
                hour[0] = hour[0].plus(path, 1);
            } else if (EventLog.PROVISIONED.equals(outcome)) {
                hour[1] = hour[1].plus(path, 1);
                byMethod[0] = byMethod[0].plus(path, 1);
            }
            return;
        }
        totals.merge(REFUSED, Report.Counts.ZERO.plus(path, 1), (a, b) -> a.plus(path, 1));
        refusals.merge(outcome, Report.Counts.ZERO.plus(path, 1), (a, b) -> a.plus(path, 1));
        hour[2] = hour[2].plus(path, 1);
        byMethod[1] = byMethod[1].plus(path, 1);
        if (CLONE_CODES.contains(outcome) && suspects.size() < MAX_SUSPECTS) {
            suspects.add(new Report.CloneSuspect(Instant.ofEpochMilli(at).toString(), path, outcome, chip, serial,
                    product, orderId == null ? null : orderNames.getOrDefault(orderId, orderId)));
        }
    }

    Map<String, Report.Counts> totals() {
        return totals;
    }

    Map<String, Report.Counts> refusals() {
        return refusals;
    }

    List<Report.CloneSuspect> suspects() {
        return suspects;
    }

    List<Report.MethodCounts> methods() {
        List<Report.MethodCounts> out = new ArrayList<>();
        methods.forEach((m, c) -> out.add(new Report.MethodCounts(m, c[0], c[1])));
        return out;
    }

    List<Report.Hour> hours() {
        List<Report.Hour> out = new ArrayList<>();
        hours.forEach((h, c) -> out.add(new Report.Hour(Instant.ofEpochMilli(h * HOUR_MILLIS).toString(),
                c[0], c[1], c[2])));
        return out;
    }
}
