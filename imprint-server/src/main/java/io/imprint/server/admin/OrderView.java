package io.imprint.server.admin;

import io.imprint.server.orders.Order;

/** A production order and its progress as the admin API shows it. */
public record OrderView(String name, String product, String contractManufacturer, long quantity, long used,
                        long remaining, String serials, String state, String created) {
    static OrderView of(Order o) {
        return new OrderView(o.name(), o.product(), o.contractManufacturer(), o.quantity(), o.used(), o.remaining(),
                o.serials().toString(), o.state(), o.created().toString());
    }
}
