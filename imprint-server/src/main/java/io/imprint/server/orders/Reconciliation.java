package io.imprint.server.orders;

import java.util.Map;

/**
 * What an order authorized against what was built, taken when it closed.
 *
 * @param used quota consumed (units issued, each counted once)
 * @param issued units of the order in the store (issued or provisioned)
 * @param provisioned units whose receipt verified
 * @param issuedUnconfirmed units issued but never confirmed by a receipt
 * @param reprovisioned authorized re-provisionings of units of the order
 * @param refusals refusals recorded with this order's id, by problem code
 * @param refusalsInRange refusals recorded before any order was known (no order id) whose claimed serial
 *        lies in this order's range, by problem code
 * @param closedAt ISO-8601 instant of the close
 */
public record Reconciliation(String order, String orderId, String product, String contractManufacturer,
                             String serials, String serialMode, long quantity, long used, long issued,
                             long provisioned, long issuedUnconfirmed, long reprovisioned, Map<String, Long> refusals,
                             Map<String, Long> refusalsInRange, String closedAt) {
    public Reconciliation {
        refusals = Map.copyOf(refusals);
        refusalsInRange = Map.copyOf(refusalsInRange);
    }
}
