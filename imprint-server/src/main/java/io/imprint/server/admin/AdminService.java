package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.Reprovisioning;
import io.imprint.server.audit.AuditContext;
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
import io.imprint.server.store.Database;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin operations with their role checks: every call names its operator, checks the role,
 * filters a cm-operator to its own contract manufacturer's orders (another CM's order is
 * {@link ProblemCode#NOT_FOUND}, so its existence does not leak), and leaves one {@link AdminAudit}
 * entry whether it succeeded or was refused. A change's entry (and the events it writes, naming the
 * operator) commit in the change's own transaction; refusals are recorded in their own. Changes are oem-admin only; the auditor reads
 * everything, including the audit trail; a cm-operator reads its own CM's orders and nothing else.
 */
public final class AdminService {
    private final AdminRecorder recorder;
    private final Products products;
    private final Policies policies;
    private final Orders orders;
    private final Reprovisioning reprovisioning;
    private final EventLog events;
    private final Reports reports;
    private final AuditTrail trail;

    public AdminService(Database db, Products products, Policies policies, Orders orders, Reprovisioning reprovisioning,
                        EventLog events, Reports reports, AuditTrail trail, AdminAudit audit) {
        this.recorder = new AdminRecorder(db, audit);
        this.products = products;
        this.policies = policies;
        this.orders = orders;
        this.reprovisioning = reprovisioning;
        this.events = events;
        this.reports = reports;
        this.trail = trail;
    }

    public List<ProductView> products(Operator who) {
        return recorder.read(who, "products.list", Map.of(), () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            return products.list().stream().map(this::view).toList();
        });
    }

    public ProductView enroll(Operator who, EnrollRequest request) {
        return recorder.change(who, "products.enroll", Map.of("product", String.valueOf(request.name())), ctx -> {
            who.require(Role.OEM_ADMIN);
            return view(products.enroll(request.enrollment(), ctx));
        });
    }

    /** Replaces the product's whole policy (recorded as a policy-changed event too). */
    public ProductView setPolicy(Operator who, String product, PolicyRequest request) {
        return recorder.change(who, "products.policy", Map.of("product", String.valueOf(product)), ctx -> {
            who.require(Role.OEM_ADMIN);
            ProductPolicy rules = request.policy();
            policies.set(products.get(product).name(), rules, ctx);
            return view(products.get(product));
        });
    }

    public List<OrderView> orders(Operator who, String product) {
        return recorder.read(who, "orders.list", product == null ? Map.of() : Map.of("product", product), () ->
                orders.list(product).stream().filter(o -> who.sees(o.contractManufacturer())).map(OrderView::of)
                        .toList());
    }

    public OrderView order(Operator who, String name) {
        return recorder.read(who, "orders.get", Map.of("order", String.valueOf(name)),
                () -> OrderView.of(visible(who, name)));
    }

    public OrderView createOrder(Operator who, OrderRequest request) {
        return recorder.change(who, "orders.create", Map.of("order", String.valueOf(request.name()),
                "product", String.valueOf(request.product()), "cm", String.valueOf(request.contractManufacturer()),
                "quantity", Long.toString(request.quantity()), "serials", String.valueOf(request.serialRange())),
                ctx -> {
                    who.require(Role.OEM_ADMIN);
                    return OrderView.of(orders.create(request, ctx));
                });
    }

    public OrderView openOrder(Operator who, String name) {
        return change(who, "orders.open", name, Map.of(), ctx -> orders.open(name, ctx));
    }

    public OrderView suspendOrder(Operator who, String name) {
        return change(who, "orders.suspend", name, Map.of(), ctx -> orders.suspend(name, ctx));
    }

    public OrderView resumeOrder(Operator who, String name) {
        return change(who, "orders.resume", name, Map.of(), ctx -> orders.resume(name, ctx));
    }

    public OrderView resizeOrder(Operator who, String name, long quantity) {
        return change(who, "orders.resize", name, Map.of("quantity", Long.toString(quantity)),
                ctx -> orders.resize(name, quantity, ctx));
    }

    /** Closes the order and returns its reconciliation, signed with the audit key and verified. */
    public VerifiedReconciliation closeOrder(Operator who, String name) {
        return recorder.change(who, "orders.close", Map.of("order", String.valueOf(name)), ctx -> {
            who.require(Role.OEM_ADMIN);
            orders.close(name, ctx);
            return orders.reconciliation(name);
        });
    }

    /** A closed order's reconciliation; a cm-operator sees only its own CM's. */
    public VerifiedReconciliation reconciliation(Operator who, String name) {
        return recorder.read(who, "orders.reconciliation", Map.of("order", String.valueOf(name)), () -> {
            visible(who, name);
            return orders.reconciliation(name);
        });
    }

    /**
     * One re-provisioning of a provisioned chip, authorized by this operator. Locally ({@code local:<user>})
     * the request may name who authorized it ({@code authorizedBy}, a detail of the entry; the actor stays
     * the local user); over the API the certificate names the operator and {@code authorizedBy} is refused.
     */
    public ReprovisionView authorizeReprovision(Operator who, ReprovisionRequest r) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("product", String.valueOf(r.product()));
        details.put("chip", String.valueOf(r.chip()));
        details.put("reason", String.valueOf(r.reason()));
        details.put("authorizedBy", r.authorizedBy());
        return recorder.change(who, "units.authorize-reprovision", details, ctx -> {
            who.require(Role.OEM_ADMIN);
            if (r.authorizedBy() != null && !who.local()) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                        "authorizedBy is for local use; over the API the operator certificate names who authorizes");
            }
            String by = r.authorizedBy() != null ? r.authorizedBy() : who.name();
            String id = reprovisioning.authorize(r.product(), r.chip(), r.reason(), by, ctx);
            return new ReprovisionView(id, products.get(r.product()).name(),
                    r.chip().strip().toUpperCase(Locale.ROOT), r.reason(), by);
        });
    }

    /** A report; a cm-operator's report is always restricted to its own contract manufacturer. */
    public Report report(Operator who, ReportQuery query) {
        return recorder.read(who, "reports.get", query.describe(), () -> {
            if (who.role() == Role.CM_OPERATOR) {
                if (query.cm() != null && !query.cm().equals(who.cm())) {
                    throw new ImprintException(ProblemCode.FORBIDDEN, "a cm-operator reports on its own orders only");
                }
                if (query.order() != null) {
                    visible(who, query.order());
                }
                return reports.reportForCm(who.cm(), query);
            }
            return reports.report(query);
        });
    }

    public List<EventView> events(Operator who, String product, int limit) {
        return recorder.read(who, "events.list", product == null ? Map.of() : Map.of("product", product), () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            return events.recent(product, limit).stream().map(EventView::of).toList();
        });
    }

    /** Writes the audit export (a checkpoint signed now covers its last entry) to {@code out}. */
    public AuditLog exportAudit(Operator who, Writer out) {
        return recorder.read(who, "audit.export", Map.of(), () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            return trail.export(out);
        });
    }

    /** Verifies the audit store with the server's key: the summary, or the first bad entry. */
    public AuditVerification verifyAudit(Operator who) {
        return recorder.read(who, "audit.verify", Map.of(), () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            try {
                return AuditVerification.of(trail.verifyStore());
            } catch (AuditTamperException e) {
                return AuditVerification.of(e);
            }
        });
    }

    /** Signs a checkpoint; its admin entry commits with it, right after the entry it covers. */
    public CheckpointView checkpoint(Operator who) {
        return recorder.change(who, "audit.checkpoint", Map.of(), ctx -> {
            who.require(Role.OEM_ADMIN);
            return CheckpointView.of(trail.checkpoint(ctx));
        });
    }

    /**
     * Runs a read of another surface (the console's pages) as {@code who}: {@code work} authorizes it, and
     * it is recorded like an admin API read, ok or refused.
     */
    public <T> T recordedRead(Operator who, String action, Map<String, String> details, Supplier<T> work) {
        return recorder.read(who, action, details, work);
    }

    /** Records a refused or failed call of another surface (the console's live updates); the caller rethrows. */
    public void recordRefusal(Operator who, String action, Map<String, String> details, RuntimeException cause) {
        recorder.failed(AdminActor.of(who), action, details, cause);
    }

    /** Records and refuses a request the route's role list does not allow. */
    public void refuse(Operator who, String route) {
        recorder.read(who, "route.refused", Map.of("route", route), () -> {
            throw new ImprintException(ProblemCode.FORBIDDEN, "role " + who.role().slug() + " may not " + route);
        });
    }

    /** Records a request whose body or query could not be parsed ({@code request.malformed}); the caller rethrows. */
    void malformed(Operator who, String route, String query, ImprintException problem) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("route", route);
        details.put("query", query);
        details.put("problem", problem.detail());
        recorder.failed(AdminActor.of(who), "request.malformed", details, problem);
    }

    /** Records a client certificate that names no valid operator ({@code auth.refused}, actor = its subject). */
    void authRefused(String subject, String route, ImprintException problem) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("route", route);
        details.put("problem", problem.detail());
        recorder.failed(AdminActor.unauthenticated(subject), "auth.refused", details, problem);
    }

    /** PEM of the audit public key (signs checkpoints and reconciliations). */
    String auditKeyPem() {
        return trail.publicKeyPem();
    }

    private OrderView change(Operator who, String action, String name, Map<String, String> more,
                             Function<AuditContext, Order> work) {
        Map<String, String> details = new LinkedHashMap<>(more);
        details.put("order", String.valueOf(name));
        return recorder.change(who, action, details, ctx -> {
            who.require(Role.OEM_ADMIN);
            return OrderView.of(work.apply(ctx));
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
}
