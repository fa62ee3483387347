package io.imprint.server.orders;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.products.Products;
import io.imprint.server.store.Database;
import io.imprint.server.store.OrderRepository;
import io.imprint.server.store.OrderRow;
import io.imprint.server.store.UniqueViolation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates, lists and closes production orders. Orders of one product never overlap in serials. */
public final class Orders {
    private static final java.util.regex.Pattern CM = java.util.regex.Pattern.compile("[\\x20-\\x7E]{1,128}");
    private final Database db;
    private final OrderRepository repository;
    private final Products products;

    public Orders(Database db, OrderRepository repository, Products products) {
        this.db = db;
        this.repository = repository;
        this.products = products;
    }

    /** Creates an open order; a known name or an overlapping range is a {@link ProblemCode#CONFLICT}. */
    public Order create(OrderRequest request) {
        String name = Fields.identifier("order name", request.name());
        String product = products.get(Fields.identifier("product", request.product())).name();
        if (request.contractManufacturer() == null || !CM.matcher(request.contractManufacturer()).matches()) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "contract manufacturer must be 1-128 printable ASCII characters");
        }
        if (request.quantity() < 1) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "quantity must be at least 1");
        }
        SerialRange range = SerialRange.parse(request.serialRange());
        if (request.quantity() > range.size()) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "quantity " + request.quantity() + " exceeds the " + range.size() + " serials of " + range);
        }
        OrderRow row = new OrderRow(UUID.randomUUID().toString(), name, product, request.contractManufacturer(),
                request.quantity(), 0, range.prefix(), range.digits(), range.first(), range.last(), OrderRow.OPEN,
                Instant.ofEpochMilli(System.currentTimeMillis()));
        try {
            db.transaction(c -> {
                for (OrderRow other : repository.withSerialShape(c, product, range.prefix(), range.digits())) {
                    if (range.overlaps(toOrder(other).serials())) {
                        throw new ImprintException(ProblemCode.CONFLICT,
                                "serial range " + range + " overlaps order " + other.name());
                    }
                }
                repository.insert(c, row);
                return null;
            });
        } catch (UniqueViolation e) {
            throw new ImprintException(ProblemCode.CONFLICT, "order " + name + " already exists");
        }
        return toOrder(row);
    }

    /** The order named {@code name}, or {@link ProblemCode#NOT_FOUND}. */
    public Order get(String name) {
        return db.autoCommit(c -> repository.findByName(c, name)).map(Orders::toOrder).orElseThrow(() ->
                new ImprintException(ProblemCode.NOT_FOUND, "no order named " + name));
    }

    /** All orders, optionally of one product (null = all). */
    public List<Order> list(String product) {
        return db.autoCommit(c -> repository.list(c, product)).stream().map(Orders::toOrder).toList();
    }

    /** Closes the order: no further unit is issued against it. Closing a closed order is a CONFLICT. */
    public Order close(String name) {
        Order order = get(name);
        if (!db.autoCommit(c -> repository.close(c, order.id()))) {
            throw new ImprintException(ProblemCode.CONFLICT, "order " + name + " is already closed");
        }
        return get(name);
    }

    static Order toOrder(OrderRow r) {
        return new Order(r.id(), r.name(), r.product(), r.contractManufacturer(), r.quantity(), r.used(),
                new SerialRange(r.serialPrefix(), r.serialDigits(), r.serialFirst(), r.serialLast()), r.state(),
                r.created());
    }
}
