package io.imprint.server.attest;

import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.SerialRange;
import io.imprint.server.orders.SerialRange.Serial;
import io.imprint.server.store.OrderRepository;
import io.imprint.server.store.OrderRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Takes one unit of quota for a new chip, inside the issuing transaction: for a device serial from the
 * order whose range holds it; for an empty serial from the first active server-assigning order, whose
 * next serial is the quota index the conditional update just took (so quota and serial move together,
 * atomically, on SQLite and PostgreSQL alike).
 */
final class OrderSelection {
    /** The order a unit was counted against and its serial. */
    record Taken(OrderRow order, String serial) {
    }

    private final OrderRepository orders;

    OrderSelection(OrderRepository orders) {
        this.orders = orders;
    }

    /** For a serial the device claimed. */
    Taken claimed(Connection c, String product, String serial, Instant now) throws SQLException {
        Serial parsed = Serial.parse(serial).orElseThrow(() -> new UnitRefusal(ProblemCode.SERIAL_NOT_AUTHORIZED,
                "serial " + serial + " does not end in digits, so no order covers it", null));
        OrderRow order = orders.orderCovering(c, product, parsed.prefix(), parsed.digits(), parsed.number())
                .orElseThrow(() -> new UnitRefusal(ProblemCode.SERIAL_NOT_AUTHORIZED,
                        "serial " + serial + " lies outside every order of " + product, null));
        requireActive(order, now);
        if (OrderRow.SERIAL_SERVER.equals(order.serialMode())) {
            throw new UnitRefusal(ProblemCode.SERIAL_NOT_AUTHORIZED, "order " + order.name()
                    + " assigns serials itself: the device must send an empty serial", order.id());
        }
        take(c, order, now);
        return new Taken(order, serial);
    }

    /** For an empty serial: the next serial of an active server-assigning order of {@code product}. */
    Taken assign(Connection c, String product, Instant now) throws SQLException {
        List<OrderRow> candidates = orders.serverAssigning(c, product);
        if (candidates.isEmpty()) {
            throw new UnitRefusal(ProblemCode.SERIAL_NOT_AUTHORIZED,
                    "the evidence carries no serial and no order of " + product + " assigns serials", null);
        }
        Optional<OrderRow> exhausted = Optional.empty();
        for (OrderRow order : candidates) {
            if (!order.activeAt(now)) {
                continue;
            }
            if (orders.consumeOne(c, order.id(), now)) {
                long index = orders.findById(c, order.id()).orElseThrow().used();
                SerialRange range = new SerialRange(order.serialPrefix(), order.serialDigits(), order.serialFirst(),
                        order.serialLast());
                return new Taken(order, range.format(order.serialFirst() + index - 1));
            }
            exhausted = exhausted.or(() -> Optional.of(order));
        }
        if (exhausted.isPresent()) {
            OrderRow o = exhausted.get();
            throw new UnitRefusal(ProblemCode.QUOTA_EXHAUSTED,
                    "order " + o.name() + " has issued all " + o.quantity() + " units", o.id());
        }
        OrderRow latest = candidates.get(candidates.size() - 1);
        throw inactive(latest, now);
    }

    private void take(Connection c, OrderRow order, Instant now) throws SQLException {
        if (!orders.consumeOne(c, order.id(), now)) {
            OrderRow fresh = orders.findById(c, order.id()).orElseThrow();
            requireActive(fresh, now);
            throw new UnitRefusal(ProblemCode.QUOTA_EXHAUSTED,
                    "order " + order.name() + " has issued all " + fresh.quantity() + " units", order.id());
        }
    }

    private static void requireActive(OrderRow order, Instant now) {
        if (!order.activeAt(now)) {
            throw inactive(order, now);
        }
    }

    private static UnitRefusal inactive(OrderRow order, Instant now) {
        String why = !OrderRow.OPEN.equals(order.state()) ? "is " + order.state()
                : order.validFrom() != null && now.isBefore(order.validFrom()) ? "is not valid before " + order.validFrom()
                : "expired at " + order.validUntil();
        return new UnitRefusal(ProblemCode.ORDER_INACTIVE, "order " + order.name() + " " + why
                + ": it provisions nothing", order.id());
    }
}
