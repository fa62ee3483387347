package io.imprint.server.admin;

import io.imprint.server.orders.OrderRequest;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportQuery;
import java.util.List;

/**
 * Admin operations on behalf of one operator, wherever the server is: {@link LocalAdmin} on a local
 * data directory, {@link AdminClient} over the mTLS admin API. Refusals are ImprintExceptions.
 */
public interface AdminOperations {
    List<ProductView> products();

    ProductView enroll(EnrollRequest request);

    /** Orders the operator may see, optionally of one product (null = all). */
    List<OrderView> orders(String product);

    OrderView order(String name);

    OrderView createOrder(OrderRequest request);

    OrderView closeOrder(String name);

    Report report(ReportQuery query);

    /** The newest events, newest first, optionally of one product. */
    List<EventView> events(String product, int limit);
}
