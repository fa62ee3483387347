package io.imprint.server.console;

import io.imprint.protocol.problem.AlertClass;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.admin.AdminService;
import io.imprint.server.admin.AuditVerification;
import io.imprint.server.admin.Operator;
import io.imprint.server.admin.Role;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.Orders;
import io.imprint.server.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the console reads, authorized as the admin API authorizes it: a cm-operator sees only its own
 * contract manufacturer's orders (another CM's order, unit or event is {@link ProblemCode#NOT_FOUND}) and
 * never the audit trail; the auditor reads everything; changes go through {@link AdminService} itself.
 * A page load is recorded like an admin API read ({@code console.<page>}); a live update is recorded only
 * when refused, so polling does not flood the audit trail.
 */
public final class ConsoleService {
    /** How far back the rate chart reaches. */
    static final Duration CHART_WINDOW = Duration.ofMinutes(30);
    static final int FEED_SIZE = 100;
    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern CORRELATION = Pattern.compile("[0-9a-f]{1,32}");
    private static final int MAX_QUERY = 64;

    /** An order with its progress. */
    record OrderLine(Order order, ProductionQueries.Progress progress) {
    }

    /** A chip's unit (null when it never became one), its events and re-provisionings. */
    record UnitHistory(String chip, RecordQueries.Unit unit, List<ConsoleEvent> events,
                       List<RecordQueries.Reprovision> reprovisions) {
    }

    private final AdminService admin;
    private final Orders orders;
    private final ProductionQueries production;
    private final RecordQueries records;
    private final Clock clock;
    private final CsrfTokens csrf = new CsrfTokens();

    public ConsoleService(AdminService admin, Orders orders, Database db, Clock clock) {
        this.admin = admin;
        this.orders = orders;
        this.production = new ProductionQueries(db);
        this.records = new RecordQueries(db);
        this.clock = clock;
    }

    AdminService admin() { return admin; }

    CsrfTokens csrf() { return csrf; }

    Instant now() { return clock.instant(); }

    List<OrderLine> orders(Operator who, boolean page) {
        return run(who, "console.orders", Map.of(), page, () -> {
            Map<String, ProductionQueries.Progress> progress = production.progress();
            return orders.list(null).stream().filter(o -> who.sees(o.contractManufacturer()))
                    .map(o -> new OrderLine(o, progress.getOrDefault(o.id(), ProductionQueries.Progress.NONE)))
                    .toList();
        });
    }

    OrderLine order(Operator who, String name, boolean page) {
        return run(who, "console.order", Map.of("order", String.valueOf(name)), page, () -> {
            Order o = visible(who, name);
            return new OrderLine(o, production.progress().getOrDefault(o.id(), ProductionQueries.Progress.NONE));
        });
    }

    List<ProductionQueries.Minute> rates(Operator who, String name) {
        return run(who, "console.order-rates", Map.of("order", String.valueOf(name)), false, () -> {
            Order o = visible(who, name);
            Instant now = clock.instant();
            return production.rates(o.id(), now.minus(CHART_WINDOW), now);
        });
    }

    /** Per-minute rates over every order the operator may see. */
    List<ProductionQueries.Minute> rates(Operator who) {
        return run(who, "console.rates", Map.of(), false, () -> {
            Instant now = clock.instant();
            return production.ratesAll(cmOf(who), now.minus(CHART_WINDOW), now);
        });
    }

    List<ConsoleEvent> alerts(Operator who, AlertClass alertClass, boolean page) {
        return run(who, "console.alerts", alertClass == null ? Map.of() : Map.of("class", Rows.slug(alertClass)),
                page, () -> production.alerts(cmOf(who), alertClass, FEED_SIZE));
    }

    List<ProductionQueries.CloneGroup> cloneGroups(Operator who) {
        return run(who, "console.clones", Map.of(), false, () -> production.cloneGroups(cmOf(who), FEED_SIZE));
    }

    ConsoleEvent event(Operator who, String id) {
        return run(who, "console.event", Map.of("event", String.valueOf(id)), true, () -> eventOf(who, id));
    }

    /** The events a request caused, found by the correlation id in its problem document and log line. */
    List<ConsoleEvent> correlated(Operator who, String correlationId) {
        return run(who, "console.correlation", Map.of("correlationId", String.valueOf(correlationId)), true, () -> {
            if (correlationId == null || !CORRELATION.matcher(correlationId).matches()) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "a correlation id is 1-32 hex characters");
            }
            return production.correlated(correlationId, cmOf(who));
        });
    }

    /** The audit entry that recorded an event (readers of the audit trail only). */
    long eventEntry(Operator who, String id) {
        return run(who, "console.event-audit", Map.of("event", String.valueOf(id)), true, () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            eventOf(who, id);
            return records.entryOfEvent(id).orElseThrow(() -> notFound("no audit entry records event " + id));
        });
    }

    /** Units and refused chips whose serial or chip ID is {@code query}. */
    List<RecordQueries.Unit> findUnits(Operator who, String query) {
        return run(who, "console.units", Map.of("query", String.valueOf(query)), true,
                () -> records.units(checkedQuery(query), cmOf(who)));
    }

    List<String> chipsInEvents(Operator who, String query) {
        return run(who, "console.units", Map.of("query", String.valueOf(query)), false,
                () -> records.chipsInEvents(checkedQuery(query), cmOf(who)));
    }

    UnitHistory unit(Operator who, String chip) {
        return run(who, "console.unit", Map.of("chip", String.valueOf(chip)), true, () -> {
            String c = checkedQuery(chip).toUpperCase(java.util.Locale.ROOT);
            RecordQueries.Unit unit = records.unit(c, cmOf(who)).orElse(null);
            List<ConsoleEvent> events = records.history(c, cmOf(who));
            if (unit == null && events.isEmpty()) {
                throw notFound("no unit or event of chip " + c);
            }
            return new UnitHistory(c, unit, events, unit == null ? List.of() : records.reprovisions(c));
        });
    }

    List<RecordQueries.Bundle> bundles(Operator who, boolean page) {
        return run(who, "console.offline", Map.of(), page, () -> records.bundles(cmOf(who)));
    }

    List<RecordQueries.Verdict> verdicts(Operator who) {
        return run(who, "console.offline", Map.of(), false, () -> records.verdicts(cmOf(who)));
    }

    RecordQueries.AuditHead auditHead(Operator who, boolean page) {
        return run(who, "console.audit", Map.of(), page, () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            return records.auditHead();
        });
    }

    RecordQueries.Entry auditEntry(Operator who, long seq) {
        return run(who, "console.audit-entry", Map.of("seq", Long.toString(seq)), true, () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            return records.entry(seq).orElseThrow(() -> notFound("no audit entry " + seq));
        });
    }

    /** The same verification as {@code imprint audit verify --server} (recorded as {@code audit.verify}). */
    AuditVerification verifyAudit(Operator who) {
        return admin.verifyAudit(who);
    }

    /** Refuses (and records) a non-oem-admin asking for an action's confirmation page. */
    void requireAdmin(Operator who, String route) {
        if (who.role() != Role.OEM_ADMIN) {
            admin.refuse(who, route);
        }
    }

    private ConsoleEvent eventOf(Operator who, String id) {
        if (id == null || !EVENT_ID.matcher(id).matches()) {
            throw notFound("no event " + id);
        }
        return production.event(id, cmOf(who)).orElseThrow(() -> notFound("no event " + id));
    }

    private Order visible(Operator who, String name) {
        Order o = orders.get(name);
        if (!who.sees(o.contractManufacturer())) {
            throw notFound("no order named " + name);
        }
        return o;
    }

    private static String cmOf(Operator who) {
        return who.role() == Role.CM_OPERATOR ? who.cm() : null;
    }

    private static String checkedQuery(String q) {
        if (q == null || q.isBlank() || q.length() > MAX_QUERY) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "give a serial or chip ID of 1-" + MAX_QUERY
                    + " characters");
        }
        return q.strip();
    }

    private static ImprintException notFound(String detail) {
        return new ImprintException(ProblemCode.NOT_FOUND, detail);
    }

    private <T> T run(Operator who, String action, Map<String, String> details, boolean record, Supplier<T> work) {
        if (record) {
            return admin.recordedRead(who, action, details, work);
        }
        try {
            return work.get();
        } catch (RuntimeException e) {
            admin.recordRefusal(who, action, details, e);
            throw e;
        }
    }
}
