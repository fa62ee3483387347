package io.imprint.server.console;

import io.imprint.protocol.problem.AlertClass;
import io.imprint.server.store.Database;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Read-only queries behind the Orders and Alerts pages: per-order progress, per-minute rates, the alert
 * feed and clone suspects. A non-null {@code cm} keeps only events attributed to that contract
 * manufacturer's orders (the cm-operator filter; authorization itself is {@link ConsoleService}'s).
 */
final class ProductionQueries {
    /** Units of one order by state, and its refusals. */
    record Progress(long issued, long provisioned, long refused) {
        static final Progress NONE = new Progress(0, 0, 0);
    }

    /** One minute of an order: units provisioned and attempts refused. */
    record Minute(long epochSecond, long provisioned, long refused) {
    }

    /** Clone refusals of one serial and chip. */
    record CloneGroup(String serial, String chip, long attempts, Instant last) {
    }

    private static final String FROM = " FROM events e LEFT JOIN orders o ON o.id = e.order_id";
    private final Database db;

    ProductionQueries(Database db) {
        this.db = db;
    }

    /** Progress of every order, by order id. */
    Map<String, Progress> progress() {
        return db.autoCommit(c -> {
            Map<String, long[]> all = new HashMap<>();
            Rows.query(c, "SELECT order_id, state, COUNT(*) AS n FROM units GROUP BY order_id, state", rs -> {
                long[] a = all.computeIfAbsent(rs.getString("order_id"), k -> new long[3]);
                a["provisioned".equals(rs.getString("state")) ? 1 : 0] += rs.getLong("n");
                return null;
            });
            Rows.query(c, "SELECT order_id, COUNT(*) AS n FROM events WHERE order_id IS NOT NULL AND outcome IN "
                    + Rows.REFUSALS + " GROUP BY order_id", rs -> {
                all.computeIfAbsent(rs.getString("order_id"), k -> new long[3])[2] += rs.getLong("n");
                return null;
            });
            Map<String, Progress> out = new HashMap<>();
            all.forEach((k, a) -> out.put(k, new Progress(a[0], a[1], a[2])));
            return out;
        });
    }

    /** Per-minute provisioned units and refusals of one order since {@code since}, oldest first, gaps as zero. */
    List<Minute> rates(String orderId, Instant since, Instant now) {
        return rates(" AND e.order_id = ?", new Object[] {orderId, since.toEpochMilli()}, since, now);
    }

    /** The same over every order (a non-null {@code cm}: that contract manufacturer's orders). */
    List<Minute> ratesAll(String cm, Instant since, Instant now) {
        return rates(cm == null ? " AND e.order_id IS NOT NULL" : " AND o.contract_manufacturer = ?",
                cm == null ? new Object[] {since.toEpochMilli()} : new Object[] {cm, since.toEpochMilli()}, since, now);
    }

    private List<Minute> rates(String filter, Object[] params, Instant since, Instant now) {
        return db.autoCommit(c -> {
            Map<Long, long[]> byMinute = new TreeMap<>();
            for (long m = since.getEpochSecond() / 60; m <= now.getEpochSecond() / 60; m++) {
                byMinute.put(m, new long[2]);
            }
            String kind = "CASE WHEN e.outcome = 'provisioned' THEN 0 ELSE 1 END";
            Rows.query(c, "SELECT e.occurred_at / 60000 AS m, " + kind + " AS k, COUNT(*) AS n" + FROM
                    + " WHERE 1 = 1" + filter + " AND e.occurred_at >= ? AND (e.outcome = 'provisioned' OR e.outcome IN "
                    + Rows.REFUSALS + ") GROUP BY e.occurred_at / 60000, " + kind, rs -> {
                long[] a = byMinute.computeIfAbsent(rs.getLong("m"), k -> new long[2]);
                a[rs.getInt("k")] += rs.getLong("n");
                return null;
            }, params);
            return byMinute.entrySet().stream()
                    .map(e -> new Minute(e.getKey() * 60, e.getValue()[0], e.getValue()[1])).toList();
        });
    }

    /** The newest alert-raising refusals, newest first, of one class (null = all). */
    List<ConsoleEvent> alerts(String cm, AlertClass alertClass, int limit) {
        String outcomes = alertClass == null ? Rows.ALERTS : Rows.slugsOf(alertClass);
        return db.autoCommit(c -> Rows.query(c, "SELECT " + ConsoleEvent.COLUMNS + FROM + " WHERE e.outcome IN "
                + outcomes + cmFilter(cm) + " ORDER BY e.occurred_at DESC, e.id LIMIT " + limit,
                ConsoleEvent::of, cmParams(cm)));
    }

    /** Clone suspects: clone-class refusals grouped by serial and chip, most recent first. */
    List<CloneGroup> cloneGroups(String cm, int limit) {
        return db.autoCommit(c -> Rows.query(c, "SELECT e.serial, e.chip_id, COUNT(*) AS n, MAX(e.occurred_at) AS last"
                + FROM + " WHERE e.outcome IN " + Rows.slugsOf(AlertClass.CLONE) + cmFilter(cm)
                + " GROUP BY e.serial, e.chip_id ORDER BY MAX(e.occurred_at) DESC LIMIT " + limit,
                rs -> new CloneGroup(rs.getString("serial"), rs.getString("chip_id"), rs.getLong("n"),
                        Rows.instant(rs, "last")), cmParams(cm)));
    }

    /** The events of one request (its correlation id), oldest first. */
    List<ConsoleEvent> correlated(String correlationId, String cm) {
        return db.autoCommit(c -> Rows.query(c, "SELECT " + ConsoleEvent.COLUMNS + FROM + " WHERE e.correlation_id = ?"
                + cmFilter(cm) + " ORDER BY e.occurred_at, e.id LIMIT 100", ConsoleEvent::of, params(correlationId, cm)));
    }

    /** One event, when it exists and (for a non-null {@code cm}) belongs to that CM's order. */
    Optional<ConsoleEvent> event(String id, String cm) {
        return db.autoCommit(c -> Rows.query(c, "SELECT " + ConsoleEvent.COLUMNS + FROM + " WHERE e.id = ?"
                + cmFilter(cm), ConsoleEvent::of, params(id, cm)).stream().findFirst());
    }

    static String cmFilter(String cm) {
        return cm == null ? "" : " AND o.contract_manufacturer = ?";
    }

    static Object[] cmParams(String cm) {
        return cm == null ? new Object[0] : new Object[] {cm};
    }

    static Object[] params(String first, String cm) {
        return cm == null ? new Object[] {first} : new Object[] {first, cm};
    }
}
