package io.imprint.server.admin;

import io.imprint.server.audit.AuditLog;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.orders.VerifiedReconciliation;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportQuery;
import java.io.Writer;
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

    @Override public ProductView setPolicy(String product, PolicyRequest policy) {
        return service.setPolicy(operator, product, policy);
    }

    @Override public ProductView acceptMethod(String product, String method) {
        return service.acceptMethod(operator, product, new MethodRequest(method));
    }

    @Override public ProductView refuseMethod(String product, String method) {
        return service.refuseMethod(operator, product, method);
    }

    @Override public List<TrustRootView> trustRoots(String product) { return service.trustRoots(operator, product); }

    @Override public List<TrustRootView> addTrustRoots(String product, TrustRootRequest request) {
        return service.addTrustRoots(operator, product, request);
    }

    @Override public List<TrustRootView> removeTrustRoot(String product, String method, String fingerprint) {
        return service.removeTrustRoot(operator, product, method, fingerprint);
    }

    @Override public List<OrderView> orders(String product) { return service.orders(operator, product); }

    @Override public OrderView order(String name) { return service.order(operator, name); }

    @Override public OrderView createOrder(OrderRequest request) { return service.createOrder(operator, request); }

    @Override public OrderView openOrder(String name) { return service.openOrder(operator, name); }

    @Override public OrderView suspendOrder(String name) { return service.suspendOrder(operator, name); }

    @Override public OrderView resumeOrder(String name) { return service.resumeOrder(operator, name); }

    @Override public OrderView resizeOrder(String name, long quantity) {
        return service.resizeOrder(operator, name, quantity);
    }

    @Override public VerifiedReconciliation closeOrder(String name) { return service.closeOrder(operator, name); }

    @Override public VerifiedReconciliation reconciliation(String name) {
        return service.reconciliation(operator, name);
    }

    @Override public ReprovisionView authorizeReprovision(ReprovisionRequest request) {
        return service.authorizeReprovision(operator, request);
    }

    @Override public Report report(ReportQuery query) { return service.report(operator, query); }

    @Override public List<EventView> events(String product, int limit) { return service.events(operator, product, limit); }

    @Override public AuditLog exportAudit(Writer out) { return service.exportAudit(operator, out); }

    @Override public AuditVerification verifyAudit() { return service.verifyAudit(operator); }

    @Override public CheckpointView checkpoint() { return service.checkpoint(operator); }
}
