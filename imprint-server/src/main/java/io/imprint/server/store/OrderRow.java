package io.imprint.server.store;

import java.time.Instant;

/** A stored production order: quantity authorized, units used, serial range {@code prefix + [first..last]}. */
public record OrderRow(String id, String name, String product, String contractManufacturer, long quantity,
                       long used, String serialPrefix, int serialDigits, long serialFirst, long serialLast,
                       String state, Instant created) {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
}
