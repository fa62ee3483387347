package io.imprint.server.store;

import java.time.Instant;

/**
 * A stored production order: quantity authorized, units used, serial range {@code prefix + [first..last]}.
 *
 * @param state life cycle: {@code draft}, {@code open}, {@code suspended} or {@code closed}
 * @param serialMode {@code device} (the station sends the serial) or {@code server} (assigned here)
 * @param validFrom start of the validity window, or null
 * @param validUntil end of the validity window (exclusive), or null
 */
public record OrderRow(String id, String name, String product, String contractManufacturer, long quantity,
                       long used, String serialPrefix, int serialDigits, long serialFirst, long serialLast,
                       String state, Instant created, String serialMode, Instant validFrom, Instant validUntil) {
    public static final String DRAFT = "draft";
    public static final String OPEN = "open";
    public static final String SUSPENDED = "suspended";
    public static final String CLOSED = "closed";
    public static final String SERIAL_DEVICE = "device";
    public static final String SERIAL_SERVER = "server";

    /** An order with device serials and no validity window. */
    public OrderRow(String id, String name, String product, String contractManufacturer, long quantity, long used,
                    String serialPrefix, int serialDigits, long serialFirst, long serialLast, String state,
                    Instant created) {
        this(id, name, product, contractManufacturer, quantity, used, serialPrefix, serialDigits, serialFirst,
                serialLast, state, created, SERIAL_DEVICE, null, null);
    }

    /** Open and inside its validity window at {@code now}. */
    public boolean activeAt(Instant now) {
        return OPEN.equals(state) && (validFrom == null || !now.isBefore(validFrom))
                && (validUntil == null || now.isBefore(validUntil));
    }
}
