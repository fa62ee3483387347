package io.imprint.server.admin;

import io.imprint.server.orders.Order;
import java.time.Instant;

/**
 * A production order and its progress as the admin API shows it.
 *
 * @param serialMode {@code device} or {@code server}
 * @param validFrom ISO-8601 start of validity, or null
 * @param validUntil ISO-8601 end of validity (exclusive), or null
 */
public record OrderView(String name, String product, String contractManufacturer, long quantity, long used,
                        long remaining, String serials, String state, String created, String serialMode,
                        String validFrom, String validUntil) {
    static OrderView of(Order o) {
        return new OrderView(o.name(), o.product(), o.contractManufacturer(), o.quantity(), o.used(), o.remaining(),
                o.serials().toString(), o.state(), o.created().toString(), o.serialMode(), text(o.validFrom()),
                text(o.validUntil()));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
