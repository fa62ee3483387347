package io.imprint.server.admin;

import io.imprint.server.orders.OrderRequest;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportQuery;
import java.util.List;

/** {@link AdminOperations} in this process, through {@link AdminService}, as one operator. */
public final class LocalAdmin implements AdminOperations {
    private final AdminService service;
    private final Operator operator;

    public LocalAdmin(AdminService service, Operator operator) {
        this.service = service;
        this.operator = operator;
    }

    @Override public List<ProductView> products() { return service.products(operator); }

    @Override public ProductView enroll(EnrollRequest request) { return service.enroll(operator, request); }

    @Override public List<OrderView> orders(String product) { return service.orders(operator, product); }

    @Override public OrderView order(String name) { return service.order(operator, name); }

    @Override public OrderView createOrder(OrderRequest request) { return service.createOrder(operator, request); }

    @Override public OrderView closeOrder(String name) { return service.closeOrder(operator, name); }

    @Override public Report report(ReportQuery query) { return service.report(operator, query); }

    @Override public List<EventView> events(String product, int limit) { return service.events(operator, product, limit); }
}
