package io.imprint.server.orders;

/**
 * What the OEM states to authorize production.
 *
 * @param serialRange e.g. {@code SN000001..SN001000}
 */
public record OrderRequest(String name, String product, String contractManufacturer, long quantity,
                           String serialRange) {
}
