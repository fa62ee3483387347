package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.EventLog;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.orders.Orders;
import io.imprint.server.products.Products;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportQuery;
import io.imprint.server.reports.Reports;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin operations with their role checks: every call names its operator, checks the role,
 * filters a cm-operator to its own contract manufacturer's orders (another CM's order is
 * {@link ProblemCode#NOT_FOUND}, so its existence does not leak), and leaves one {@link AdminAudit}
 * entry whether it succeeded or was refused.
 */
public final class AdminService {
    private final Products products;
    private final Orders orders;
    private final EventLog events;
    private final Reports reports;
    private final AdminAudit audit;

    public AdminService(Products products, Orders orders, EventLog events, Reports reports, AdminAudit audit) {
        this.products = products;
        this.orders = orders;
        this.events = events;
        this.reports = reports;
        this.audit = audit;
    }

    public List<ProductView> products(Operator who) {
        return audited(who, "products.list", Map.of(), () -> {
            who.require(Role.OEM_ADMIN, Role.AUDITOR);
            return products.list().stream().map(ProductView::of).toList();
        });
    }

    public ProductView enroll(Operator who, EnrollRequest request) {
        return audited(who, "products.enroll", Map.of("product", String.valueOf(request.name())), () -> {
            who.require(Role.OEM_ADMIN);
            return ProductView.of(products.enroll(request.enrollment()));
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

    public OrderView closeOrder(Operator who, String name) {
        return audited(who, "orders.close", Map.of("order", String.valueOf(name)), () -> {
            who.require(Role.OEM_ADMIN);
            orders.close(name);
            return OrderView.of(orders.get(name));
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
            audit.record(who, action, all);
        }
    }
}
