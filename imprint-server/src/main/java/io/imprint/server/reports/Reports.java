package io.imprint.server.reports;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.Orders;
import io.imprint.server.products.Products;
import io.imprint.server.store.Database;
import io.imprint.server.store.UnitRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@link Report}s from the events, units and orders tables with portable SQL; hours are
 * bucketed in Java from the stored epoch milliseconds, so SQLite and PostgreSQL agree.
 * A cm filter keeps only events attributed to that CM's orders (refusals that never reached an order
 * are not attributed to any CM). A filter naming no product, order or CM is {@link ProblemCode#NOT_FOUND},
 * never an empty report.
 *
 * <p>Path: an event is offline when its evidence digest is a receipts-file line the import recorded
 * ({@code bundle_receipts.line_sha256}; the import writes the line's row and its event in one
 * transaction), networked otherwise. A unit is offline when it has no escrow (an imported receipt's unit:
 * the server never held its secrets), networked otherwise.
 */
public final class Reports {
    private static final String EVENTS = "SELECT e.occurred_at, e.outcome, e.chip_id, e.serial, e.product, e.order_id, "
            + "b.line_sha256, e.method FROM events e LEFT JOIN bundle_receipts b ON b.line_sha256 = e.evidence_sha256 "
            + "WHERE e.occurred_at >= ? AND e.occurred_at < ?";
    private static final String UNITS = "SELECT state, CASE WHEN escrow = '' THEN 1 ELSE 0 END, COUNT(*) FROM units "
            + "WHERE order_id = ? GROUP BY state, CASE WHEN escrow = '' THEN 1 ELSE 0 END";
    private final Database db;
    private final Orders orders;
    private final Products products;

    public Reports(Database db, Orders orders, Products products) {
        this.db = db;
        this.orders = orders;
        this.products = products;
    }

    /**
     * The report for {@code q}. A product that is not enrolled, an order that does not exist (or is not
     * of the given product or CM) and a CM without any order are {@link ProblemCode#NOT_FOUND}.
     */
    public Report report(ReportQuery q) {
        return build(q, true);
    }

    /**
     * The report of contract manufacturer {@code cm}'s orders only (a cm-operator's view): {@code q}'s
     * filters are checked as in {@link #report}, but {@code cm} itself may have no order yet (zeros).
     */
    public Report reportForCm(String cm, ReportQuery q) {
        return build(q.withCm(cm), false);
    }

    private Report build(ReportQuery q, boolean requireCmOrders) {
        List<Order> all = orders.list(null);
        check(q, all, requireCmOrders);
        List<Order> scope = new ArrayList<>();
        Map<String, String> names = new TreeMap<>();
        for (Order o : all) {
            names.put(o.id(), o.name());
            if ((q.product() == null || q.product().equals(o.product()))
                    && (q.cm() == null || q.cm().equals(o.contractManufacturer()))
                    && (q.order() == null || q.order().equals(o.name()))) {
                scope.add(o);
            }
        }
        EventTally tally = new EventTally(names);
        boolean byOrder = q.order() != null || q.cm() != null;
        if (!byOrder || !scope.isEmpty()) {
            scan(q, byOrder ? scope : null, tally);
        }
        List<Report.OrderProgress> progress = new ArrayList<>();
        for (Order o : scope) {
            progress.add(progress(o));
        }
        return new Report(q.describe(), tally.totals(), tally.refusals(), tally.hours(), tally.suspects(), progress,
                tally.methods());
    }

    private void check(ReportQuery q, List<Order> all, boolean requireCmOrders) {
        if (q.product() != null && products.find(q.product()).isEmpty()) {
            throw notFound("product " + q.product() + " is not enrolled");
        }
        if (q.order() != null) {
            Order o = all.stream().filter(x -> x.name().equals(q.order())).findFirst()
                    .orElseThrow(() -> notFound("no order named " + q.order()));
            if (q.product() != null && !q.product().equals(o.product())) {
                throw notFound("order " + o.name() + " is an order of product " + o.product() + ", not of " + q.product());
            }
            if (q.cm() != null && !q.cm().equals(o.contractManufacturer())) {
                throw notFound("order " + o.name() + " is not an order of contract manufacturer " + q.cm());
            }
        }
        if (requireCmOrders && q.cm() != null && all.stream().noneMatch(o -> q.cm().equals(o.contractManufacturer()))) {
            throw notFound("no order of contract manufacturer " + q.cm());
        }
    }

    private static ImprintException notFound(String detail) {
        return new ImprintException(ProblemCode.NOT_FOUND, detail);
    }

    private Report.OrderProgress progress(Order o) {
        Report.Counts[] byState = {Report.Counts.ZERO, Report.Counts.ZERO}; // issued, provisioned
        db.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement(UNITS)) {
                s.setString(1, o.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int i = UnitRow.PROVISIONED.equals(r.getString(1)) ? 1 : 0;
                        byState[i] = byState[i].plus(r.getInt(2) == 1 ? Report.OFFLINE : Report.NETWORKED, r.getLong(3));
                    }
                }
            }
            return null;
        });
        Report.Counts used = new Report.Counts(byState[0].networked() + byState[1].networked(),
                byState[0].offline() + byState[1].offline());
        return new Report.OrderProgress(o.name(), o.product(), o.contractManufacturer(), o.state(), o.quantity(), used,
                byState[0], byState[1]);
    }

    private void scan(ReportQuery q, List<Order> scope, EventTally tally) {
        StringBuilder sql = new StringBuilder(EVENTS);
        List<String> args = new ArrayList<>();
        if (q.product() != null) {
            sql.append(" AND e.product = ?");
            args.add(q.product());
        }
        if (scope != null) {
            sql.append(" AND e.order_id IN (").append("?, ".repeat(scope.size() - 1)).append("?)");
            scope.forEach(o -> args.add(o.id()));
        }
        sql.append(" ORDER BY e.occurred_at, e.id");
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
                                r.getString(6), r.getString(7) == null ? Report.NETWORKED : Report.OFFLINE,
                                r.getString(8));
                    }
                }
            }
            return null;
        });
    }
}
