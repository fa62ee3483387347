package io.imprint.server.orders;

import java.time.Instant;

/**
 * What the OEM states to authorize production.
 *
 * @param serialRange e.g. {@code SN000001..SN001000}
 * @param serialMode {@code device} (default) or {@code server}
 * @param validFrom start of the validity window, or null
 * @param validUntil end of the validity window (exclusive), or null
 * @param draft when true the order starts as a draft and provisions nothing until opened
 */
public record OrderRequest(String name, String product, String contractManufacturer, long quantity,
                           String serialRange, String serialMode, Instant validFrom, Instant validUntil,
                           boolean draft) {
    /** An order opened at once, with device serials and no validity window. */
    public OrderRequest(String name, String product, String contractManufacturer, long quantity, String serialRange) {
        this(name, product, contractManufacturer, quantity, serialRange, "device", null, null, false);
    }
}
