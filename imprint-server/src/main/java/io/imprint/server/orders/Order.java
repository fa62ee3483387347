package io.imprint.server.orders;

import java.time.Instant;

/**
 * A production order.
 *
 * @param used units issued against the quota so far
 * @param state {@code open} or {@code closed}
 */
public record Order(String id, String name, String product, String contractManufacturer, long quantity, long used,
                    SerialRange serials, String state, Instant created) {
    public long remaining() {
        return quantity - used;
    }

    public boolean open() {
        return "open".equals(state);
    }
}
