package io.imprint.server.admin;

import io.imprint.server.audit.AuditLog;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.orders.VerifiedReconciliation;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportQuery;
import java.io.Writer;
import java.util.List;

/**
 * Admin operations on behalf of one operator, wherever the server is: {@link LocalAdmin} on a local
 * data directory, {@link AdminClient} over the mTLS admin API. Refusals are ImprintExceptions.
 */
public interface AdminOperations {
    List<ProductView> products();

    ProductView enroll(EnrollRequest request);

    /** Replaces a product's whole policy. */
    ProductView setPolicy(String product, PolicyRequest policy);

    /** Makes the product accept an attestation method ({@code caam-mp} needs its MP key). */
    ProductView acceptMethod(String product, String method);

    /** Stops accepting an attestation method; its trust roots are removed too. */
    ProductView refuseMethod(String product, String method);

    /** The product's trust roots, of every method. */
    List<TrustRootView> trustRoots(String product);

    /** Adds the CA certificates of a PEM text as trust roots for a method; returns those added. */
    List<TrustRootView> addTrustRoots(String product, TrustRootRequest request);

    /** Removes a trust root by its SHA-256 fingerprint; returns the remaining roots. */
    List<TrustRootView> removeTrustRoot(String product, String method, String fingerprint);

    /** Orders the operator may see, optionally of one product (null = all). */
    List<OrderView> orders(String product);

    OrderView order(String name);

    OrderView createOrder(OrderRequest request);

    /** Draft -> open. */
    OrderView openOrder(String name);

    /** Open -> suspended. */
    OrderView suspendOrder(String name);

    /** Suspended -> open. */
    OrderView resumeOrder(String name);

    /** New quantity (never below used). */
    OrderView resizeOrder(String name, long quantity);

    /** Closes the order for good; returns its signed reconciliation, signature verified. */
    VerifiedReconciliation closeOrder(String name);

    /** A closed order's signed reconciliation, signature verified. */
    VerifiedReconciliation reconciliation(String name);

    /** Authorizes one re-provisioning of a provisioned chip, by this operator. */
    ReprovisionView authorizeReprovision(ReprovisionRequest request);

    Report report(ReportQuery query);

    /** The newest events, newest first, optionally of one product. */
    List<EventView> events(String product, int limit);

    /** Writes the self-contained audit export (docs/audit.md) to {@code out}; returns what it holds (unverified). */
    AuditLog exportAudit(Writer out);

    /** Verifies the server's audit store with the server's audit key. */
    AuditVerification verifyAudit();

    /** Signs an audit checkpoint covering the newest entry now. */
    CheckpointView checkpoint();
}
