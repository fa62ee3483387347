package io.imprint.server.orders;

import java.time.Instant;

/**
 * A production order.
 *
 * @param used units issued against the quota so far
 * @param state {@code draft}, {@code open}, {@code suspended} or {@code closed}
 * @param serialMode {@code device} (stations send serials) or {@code server} (assigned at attestation)
 * @param validFrom start of the validity window, or null
 * @param validUntil end of the validity window (exclusive), or null
 */
public record Order(String id, String name, String product, String contractManufacturer, long quantity, long used,
                    SerialRange serials, String state, Instant created, String serialMode, Instant validFrom,
                    Instant validUntil) {
    public long remaining() {
        return quantity - used;
    }

    public boolean open() {
        return "open".equals(state);
    }

    /** Open and inside its validity window at {@code now}: only then does it provision. */
    public boolean activeAt(Instant now) {
        return open() && (validFrom == null || !now.isBefore(validFrom)) && (validUntil == null || now.isBefore(validUntil));
    }
}
