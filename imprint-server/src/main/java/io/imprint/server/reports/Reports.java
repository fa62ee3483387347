package io.imprint.server.reports;

import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.EventLog;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.Orders;
import io.imprint.server.store.Database;
import io.imprint.server.store.UnitRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds {@link Report}s from the events, units and orders tables with portable SQL; hours are
 * bucketed in Java from the stored epoch milliseconds, so SQLite and PostgreSQL agree.
 * A cm filter keeps only events attributed to that CM's orders (refusals that never reached an order
 * are not attributed to any CM).
 */
public final class Reports {
    /** Outcomes that are clone suspicions. */
    public static final Set<String> CLONE_CODES = Set.of(ProblemCode.CHIP_SERIAL_MISMATCH.slug(),
            ProblemCode.SERIAL_IN_USE.slug(), ProblemCode.CHIP_ALREADY_PROVISIONED.slug());
    /** Accepted attempts; every other outcome counts only when it is a refusal (a problem code slug). */
    private static final String REPROVISIONED = io.imprint.server.orders.Reconciliations.REPROVISIONED;
    private static final Set<String> ACCEPTED = Set.of(EventLog.ISSUED, EventLog.REISSUED, EventLog.PROVISIONED,
            REPROVISIONED);
    private static final int MAX_SUSPECTS = 10_000;
    private final Database db;
    private final Orders orders;
    private final EventLog events;

    public Reports(Database db, Orders orders, EventLog events) {
        this.db = db;
        this.orders = orders;
        this.events = events;
    }

    /** The report for {@code q}; an unknown order name is {@link ProblemCode#NOT_FOUND}. */
    public Report report(ReportQuery q) {
        List<Order> scope = new ArrayList<>();
        Map<String, String> names = new TreeMap<>();
        for (Order o : orders.list(q.product())) {
            names.put(o.id(), o.name());
            if ((q.cm() == null || q.cm().equals(o.contractManufacturer()))
                    && (q.order() == null || q.order().equals(o.name()))) {
                scope.add(o);
            }
        }
        if (q.order() != null && scope.isEmpty()) {
            orders.get(q.order());
        }
        Tally tally = new Tally(names);
        if (q.order() == null && q.cm() == null || !scope.isEmpty()) {
            scan(q, q.order() == null && q.cm() == null ? null : scope, tally);
        }
        List<Report.OrderProgress> progress = new ArrayList<>();
        for (Order o : scope) {
            Map<String, Long> units = events.unitsByState(null, o.id());
            progress.add(new Report.OrderProgress(o.name(), o.product(), o.contractManufacturer(), o.state(),
                    o.quantity(), o.used(), units.getOrDefault(UnitRow.ISSUED, 0L),
                    units.getOrDefault(UnitRow.PROVISIONED, 0L)));
        }
        return new Report(q.describe(), tally.totals, tally.refusals, tally.hours(), tally.suspects, progress);
    }

    private void scan(ReportQuery q, List<Order> scope, Tally tally) {
        StringBuilder sql = new StringBuilder("SELECT occurred_at, outcome, chip_id, serial, product, order_id "
                + "FROM events WHERE occurred_at >= ? AND occurred_at < ?");
        List<String> args = new ArrayList<>();
        if (q.product() != null) {
            sql.append(" AND product = ?");
            args.add(q.product());
        }
        if (scope != null) {
            sql.append(" AND order_id IN (").append("?, ".repeat(scope.size() - 1)).append("?)");
            scope.forEach(o -> args.add(o.id()));
        }
        sql.append(" ORDER BY occurred_at, id");
        long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
        long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli();
        db.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                s.setLong(1, from);
                s.setLong(2, to);
                for (int i = 0; i < args.size(); i++) {
                    s.setString(i + 3, args.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        tally.add(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                                r.getString(6));
                    }
                }
            }
            return null;
        });
    }

    /** Running counts while the events stream by. */
    private static final class Tally {
        final Map<String, String> orderNames;
        final Map<String, Long> totals = new LinkedHashMap<>();
        final Map<String, Long> refusals = new TreeMap<>();
        final TreeMap<Long, long[]> hours = new TreeMap<>();
        final List<Report.CloneSuspect> suspects = new ArrayList<>();

        Tally(Map<String, String> orderNames) {
            this.orderNames = orderNames;
            for (String k : List.of(EventLog.ISSUED, EventLog.REISSUED, EventLog.PROVISIONED, REPROVISIONED, "refused")) {
                totals.put(k, 0L);
            }
        }

        void add(long at, String outcome, String chip, String serial, String product, String orderId) {
            long[] hour = hours.computeIfAbsent(Math.floorDiv(at, 3_600_000L), h -> new long[3]);
            if (ACCEPTED.contains(outcome)) {
                totals.merge(outcome, 1L, Long::sum);
                if (EventLog.ISSUED.equals(outcome)) {
                    hour[0]++;
                } else if (EventLog.PROVISIONED.equals(outcome)) {
                    hour[1]++;
                }
                return;
            }
            if (!ProblemCode.isSlug(outcome)) {
                return; // order life cycle, policy changes and other administrative events are not production
            }
            totals.merge("refused", 1L, Long::sum);
            refusals.merge(outcome, 1L, Long::sum);
            hour[2]++;
            if (CLONE_CODES.contains(outcome) && suspects.size() < MAX_SUSPECTS) {
                suspects.add(new Report.CloneSuspect(Instant.ofEpochMilli(at).toString(), outcome, chip, serial,
                        product, orderId == null ? null : orderNames.getOrDefault(orderId, orderId)));
            }
        }

        List<Report.Hour> hours() {
            List<Report.Hour> out = new ArrayList<>();
            hours.forEach((h, c) -> out.add(new Report.Hour(
                    Instant.ofEpochMilli(h * 3_600_000L).truncatedTo(ChronoUnit.HOURS).toString(), c[0], c[1], c[2])));
            return out;
        }
    }
}
