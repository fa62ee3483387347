package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.Reprovisioning;
import io.imprint.server.audit.AuditLog;
import io.imprint.server.audit.AuditTamperException;
import io.imprint.server.audit.AuditTrail;
import io.imprint.server.events.EventLog;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.orders.Orders;
import io.imprint.server.orders.VerifiedReconciliation;
import io.imprint.server.policy.Policies;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.Product;
import io.imprint.server.products.Products;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportQuery;
import io.imprint.server.reports.Reports;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin operations with their role checks: every call names its operator, checks the role,
 * filters a cm-operator to its own contract manufacturer's orders (another CM's order is
 * {@link ProblemCode#NOT_FOUND}, so its existence does not leak), and leaves one {@link AdminAudit}
 * entry whether it succeeded or was refused. Changes are oem-admin only; the auditor reads
 * everything, including the audit trail; a cm-operator reads its own CM's orders and nothing else.
 */
public final class AdminService {
    private static final int MAX_DETAIL = 256;
    private final Products products;
    private final Policies policies;
    private final Orders orders;
    private final Reprovisioning reprovisioning;
    private final EventLog events;
    private final Reports reports;
    private final AuditTrail trail;
    private final AdminAudit audit;

    public AdminService(Products products, Policies policies, Orders orders, Reprovisioning reprovisioning,
                        EventLog events, Reports reports, AuditTrail trail, AdminAudit audit) {
        this.products = products;
        this.policies = policies;
        this.orders = orders;
        this.reprovisioning = reprovisioning;
        this.events = events;
        this.reports = reports;
        this.trail = trail;
        this.audit = audit;
    }

    public List<ProductView> products(Operator who) {
        return audited(who, "products.list", Map.of(), () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            return products.list().stream().map(this::view).toList();
        });
    }

    public ProductView enroll(Operator who, EnrollRequest request) {
        return audited(who, "products.enroll", Map.of("product", String.valueOf(request.name())), () -> {
            who.require(Role.OEM_ADMIN);
            return view(products.enroll(request.enrollment()));
        });
    }

    /** Replaces the product's whole policy (recorded as a policy-changed event too). */
    public ProductView setPolicy(Operator who, String product, PolicyRequest request) {
        return audited(who, "products.policy", Map.of("product", String.valueOf(product)), () -> {
            who.require(Role.OEM_ADMIN);
            ProductPolicy rules = request.policy();
            policies.set(products.get(product).name(), rules);
            return view(products.get(product));
        });
    }

    public List<OrderView> orders(Operator who, String product) {
        return audited(who, "orders.list", product == null ? Map.of() : Map.of("product", product), () ->
                orders.list(product).stream().filter(o -> who.sees(o.contractManufacturer())).map(OrderView::of)
                        .toList());
    }

    public OrderView order(Operator who, String name) {
        return audited(who, "orders.get", Map.of("order", String.valueOf(name)), () -> OrderView.of(visible(who, name)));
    }

    public OrderView createOrder(Operator who, OrderRequest request) {
        return audited(who, "orders.create", Map.of("order", String.valueOf(request.name()),
                "product", String.valueOf(request.product()), "cm", String.valueOf(request.contractManufacturer()),
                "quantity", Long.toString(request.quantity()), "serials", String.valueOf(request.serialRange())), () -> {
            who.require(Role.OEM_ADMIN);
            return OrderView.of(orders.create(request));
        });
    }

    public OrderView openOrder(Operator who, String name) {
        return change(who, "orders.open", name, Map.of(), () -> orders.open(name));
    }

    public OrderView suspendOrder(Operator who, String name) {
        return change(who, "orders.suspend", name, Map.of(), () -> orders.suspend(name));
    }

    public OrderView resumeOrder(Operator who, String name) {
        return change(who, "orders.resume", name, Map.of(), () -> orders.resume(name));
    }

    public OrderView resizeOrder(Operator who, String name, long quantity) {
        return change(who, "orders.resize", name, Map.of("quantity", Long.toString(quantity)),
                () -> orders.resize(name, quantity));
    }

    /** Closes the order and returns its reconciliation, signed with the audit key and verified. */
    public VerifiedReconciliation closeOrder(Operator who, String name) {
        return audited(who, "orders.close", Map.of("order", String.valueOf(name)), () -> {
            who.require(Role.OEM_ADMIN);
            orders.close(name);
            return orders.reconciliation(name);
        });
    }

    /** A closed order's reconciliation; a cm-operator sees only its own CM's. */
    public VerifiedReconciliation reconciliation(Operator who, String name) {
        return audited(who, "orders.reconciliation", Map.of("order", String.valueOf(name)), () -> {
            visible(who, name);
            return orders.reconciliation(name);
        });
    }

    /** One re-provisioning of a provisioned chip, authorized by (and recorded as) this operator. */
    public ReprovisionView authorizeReprovision(Operator who, ReprovisionRequest r) {
        return audited(who, "units.authorize-reprovision", Map.of("product", String.valueOf(r.product()),
                "chip", String.valueOf(r.chip()), "reason", String.valueOf(r.reason())), () -> {
            who.require(Role.OEM_ADMIN);
            String id = reprovisioning.authorize(r.product(), r.chip(), r.reason(), who.name());
            return new ReprovisionView(id, products.get(r.product()).name(),
                    r.chip().strip().toUpperCase(Locale.ROOT), r.reason(), who.name());
        });
    }

    /** A report; a cm-operator's report is always restricted to its own contract manufacturer. */
    public Report report(Operator who, ReportQuery query) {
        return audited(who, "reports.get", query.describe(), () -> {
            if (who.role() == Role.CM_OPERATOR) {
                if (query.cm() != null && !query.cm().equals(who.cm())) {
                    throw new ImprintException(ProblemCode.FORBIDDEN, "a cm-operator reports on its own orders only");
                }
                if (query.order() != null) {
                    visible(who, query.order());
                }
                return reports.report(query.withCm(who.cm()));
            }
            return reports.report(query);
        });
    }

    public List<EventView> events(Operator who, String product, int limit) {
        return audited(who, "events.list", product == null ? Map.of() : Map.of("product", product), () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            return events.recent(product, limit).stream().map(EventView::of).toList();
        });
    }

    /** Writes the audit export (a checkpoint signed now covers its last entry) to {@code out}. */
    public AuditLog exportAudit(Operator who, Writer out) {
        return audited(who, "audit.export", Map.of(), () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            return trail.export(out);
        });
    }

    /** Verifies the audit store with the server's key: the summary, or the first bad entry. */
    public AuditVerification verifyAudit(Operator who) {
        return audited(who, "audit.verify", Map.of(), () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            try {
                return AuditVerification.of(trail.verifyStore());
            } catch (AuditTamperException e) {
                return AuditVerification.of(e);
            }
        });
    }

    public CheckpointView checkpoint(Operator who) {
        return audited(who, "audit.checkpoint", Map.of(), () -> {
            who.require(Role.OEM_ADMIN);
            return CheckpointView.of(trail.checkpoint());
        });
    }

    /** Records and refuses a request the route's role list does not allow. */
    void refuse(Operator who, String route) {
        audited(who, "route.refused", Map.of("route", route), () -> {
            throw new ImprintException(ProblemCode.FORBIDDEN, "role " + who.role().slug() + " may not " + route);
        });
    }

    /** PEM of the audit public key (signs checkpoints and reconciliations). */
    String auditKeyPem() {
        return trail.publicKeyPem();
    }

    private OrderView change(Operator who, String action, String name, Map<String, String> more,
                             Supplier<Order> work) {
        Map<String, String> details = new LinkedHashMap<>(more);
        details.put("order", String.valueOf(name));
        return audited(who, action, details, () -> {
            who.require(Role.OEM_ADMIN);
            return OrderView.of(work.get());
        });
    }

    private ProductView view(Product p) {
        return ProductView.of(p, policies.get(p.name()));
    }

    private Order visible(Operator who, String name) {
        Order o = orders.get(name);
        if (!who.sees(o.contractManufacturer())) {
            throw new ImprintException(ProblemCode.NOT_FOUND, "no order named " + name);
        }
        return o;
    }

    private <T> T audited(Operator who, String action, Map<String, String> details, Supplier<T> work) {
        Map<String, String> all = new LinkedHashMap<>(details);
        try {
            T result = work.get();
            all.put("outcome", "ok");
            return result;
        } catch (ImprintException e) {
            all.put("outcome", e.code().slug());
            throw e;
        } catch (RuntimeException e) {
            all.put("outcome", ProblemCode.INTERNAL.slug());
            throw e;
        } finally {
            all.replaceAll((k, v) -> v.length() <= MAX_DETAIL ? v : v.substring(0, MAX_DETAIL) + "...");
            audit.record(who, action, all);
        }
    }
}
