package io.imprint.server.orders;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditContext;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.products.Products;
import io.imprint.server.store.Database;
import io.imprint.server.store.OrderRepository;
import io.imprint.server.store.OrderRow;
import io.imprint.server.store.UniqueViolation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Creates orders and moves them through their life cycle: draft -> open <-> suspended, any -> closed
 * (final, with a signed reconciliation). Orders of one product never overlap in serials. Every change
 * is a conditional update in the database and leaves an event naming who made it; the change, its
 * event and the caller's {@link AuditContext} record commit in one transaction.
 */
public final class Orders {
    public static final String ORDER_OPENED = "order-opened";
    public static final String ORDER_SUSPENDED = "order-suspended";
    public static final String ORDER_RESUMED = "order-resumed";
    public static final String ORDER_CLOSED = "order-closed";
    public static final String ORDER_RESIZED = "order-resized";
    private static final java.util.regex.Pattern CM = java.util.regex.Pattern.compile("[\\x20-\\x7E]{1,128}");
    private final Database db;
    private final OrderRepository repository;
    private final Products products;
    private final Reconciliations reconciliations;
    private final EventLog events;
    private final Clock clock;

    public Orders(Database db, OrderRepository repository, Products products, Reconciliations reconciliations,
                  EventLog events, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.products = products;
        this.reconciliations = reconciliations;
        this.events = events;
        this.clock = clock;
    }

    /** Creates an order (open, or draft); a known name or an overlapping range is a {@link ProblemCode#CONFLICT}. */
    public Order create(OrderRequest request) {
        return create(request, AuditContext.SYSTEM);
    }

    /** {@link #create(OrderRequest)}, {@code context} recording it in the same transaction. */
    public Order create(OrderRequest request, AuditContext context) {
        String name = Fields.identifier("order name", request.name());
        String product = products.get(Fields.identifier("product", request.product())).name();
        if (request.contractManufacturer() == null || !CM.matcher(request.contractManufacturer()).matches()) {
            throw bad("contract manufacturer must be 1-128 printable ASCII characters");
        }
        String mode = request.serialMode() == null ? OrderRow.SERIAL_DEVICE : request.serialMode();
        if (!mode.equals(OrderRow.SERIAL_DEVICE) && !mode.equals(OrderRow.SERIAL_SERVER)) {
            throw bad("serial mode must be 'device' or 'server'");
        }
        if (request.validFrom() != null && request.validUntil() != null
                && !request.validFrom().isBefore(request.validUntil())) {
            throw bad("the validity window ends before it starts");
        }
        SerialRange range = SerialRange.parse(request.serialRange());
        requireQuantity(request.quantity(), range);
        OrderRow row = new OrderRow(UUID.randomUUID().toString(), name, product, request.contractManufacturer(),
                request.quantity(), 0, range.prefix(), range.digits(), range.first(), range.last(),
                request.draft() ? OrderRow.DRAFT : OrderRow.OPEN, Instant.ofEpochMilli(clock.millis()), mode,
                millis(request.validFrom()), millis(request.validUntil()));
        try {
            db.transaction(c -> {
                repository.lockProduct(c, product);
                for (OrderRow other : repository.withSerialPrefix(c, product, range.prefix())) {
                    if (range.overlaps(toOrder(other).serials())) {
                        throw new ImprintException(ProblemCode.CONFLICT,
                                "serial range " + range + " overlaps order " + other.name());
                    }
                }
                repository.insert(c, row);
                context.committing(c);
                return null;
            });
        } catch (UniqueViolation e) {
            throw new ImprintException(ProblemCode.CONFLICT, "order " + name + " already exists");
        }
        return toOrder(row);
    }

    /** The order named {@code name}, or {@link ProblemCode#NOT_FOUND}. */
    public Order get(String name) {
        return toOrder(row(name));
    }

    /** All orders, optionally of one product (null = all). */
    public List<Order> list(String product) {
        return db.autoCommit(c -> repository.list(c, product)).stream().map(Orders::toOrder).toList();
    }

    /** Draft -> open. */
    public Order open(String name) {
        return open(name, AuditContext.SYSTEM);
    }

    /** Draft -> open, its event naming {@code context}'s actor, recorded in the same transaction. */
    public Order open(String name, AuditContext context) {
        return move(name, OrderRow.DRAFT, OrderRow.OPEN, ORDER_OPENED, context);
    }

    /** Open -> suspended: provisions nothing until resumed. */
    public Order suspend(String name) {
        return suspend(name, AuditContext.SYSTEM);
    }

    /** Open -> suspended, recorded by {@code context} in the same transaction. */
    public Order suspend(String name, AuditContext context) {
        return move(name, OrderRow.OPEN, OrderRow.SUSPENDED, ORDER_SUSPENDED, context);
    }

    /** Suspended -> open. */
    public Order resume(String name) {
        return resume(name, AuditContext.SYSTEM);
    }

    /** Suspended -> open, recorded by {@code context} in the same transaction. */
    public Order resume(String name, AuditContext context) {
        return move(name, OrderRow.SUSPENDED, OrderRow.OPEN, ORDER_RESUMED, context);
    }

    /** Raises or lowers the quantity (never below what was used, never above the range). */
    public Order resize(String name, long quantity) {
        return resize(name, quantity, AuditContext.SYSTEM);
    }

    /** {@link #resize(String, long)}, the change, its event and {@code context}'s record in one transaction. */
    public Order resize(String name, long quantity, AuditContext context) {
        OrderRow o = row(name);
        requireQuantity(quantity, toOrder(o).serials());
        return db.transaction(c -> {
            if (!repository.resize(c, o.id(), quantity)) {
                OrderRow now = repository.findById(c, o.id()).orElseThrow();
                throw new ImprintException(ProblemCode.CONFLICT, OrderRow.CLOSED.equals(now.state())
                        ? "order " + name + " is closed" : "order " + name + " has already used " + now.used()
                        + " units; its quantity cannot go below that");
            }
            OrderRow after = repository.findById(c, o.id()).orElseThrow();
            record(c, context, ORDER_RESIZED, o, "quantity " + o.quantity() + " -> " + quantity);
            return toOrder(after);
        });
    }

    /**
     * Closes the order for good and, in the same transaction, stores its reconciliation signed with the
     * audit key. Closing a closed order is a CONFLICT.
     */
    public Reconciliation close(String name) {
        return close(name, AuditContext.SYSTEM);
    }

    /** {@link #close(String)}; the close, reconciliation, event and {@code context}'s record commit together. */
    public Reconciliation close(String name, AuditContext context) {
        OrderRow o = row(name);
        return db.transaction(c -> {
            if (!repository.close(c, o.id())) {
                throw new ImprintException(ProblemCode.CONFLICT, "order " + name + " is already closed");
            }
            Reconciliation r = reconciliations.reconcile(c, repository.findById(c, o.id()).orElseThrow(),
                    Instant.ofEpochMilli(clock.millis()));
            record(c, context, ORDER_CLOSED, o, "closed at " + r.used() + "/" + r.quantity());
            return r;
        });
    }

    /** The stored reconciliation of a closed order, its audit signature verified. */
    public VerifiedReconciliation reconciliation(String name) {
        return reconciliations.verified(row(name).id());
    }

    private Order move(String name, String from, String to, String outcome, AuditContext context) {
        OrderRow o = row(name);
        return db.transaction(c -> {
            if (!repository.transition(c, o.id(), from, to)) {
                String state = repository.findById(c, o.id()).map(OrderRow::state).orElse("gone");
                throw new ImprintException(ProblemCode.CONFLICT, "order " + name + " is " + state + ", not " + from);
            }
            OrderRow after = repository.findById(c, o.id()).orElseThrow();
            record(c, context, outcome, o, from + " -> " + to);
            return toOrder(after);
        });
    }

    private OrderRow row(String name) {
        return db.autoCommit(c -> repository.findByName(c, name)).orElseThrow(() ->
                new ImprintException(ProblemCode.NOT_FOUND, "no order named " + name));
    }

    /** The change's event (naming the context's actor), then the context's own record: same transaction. */
    private void record(Connection c, AuditContext context, String outcome, OrderRow o, String detail)
            throws SQLException {
        events.record(c, context.actor(), outcome, new Attempt().product(o.product()).orderId(o.id()),
                "order " + o.name() + ": " + detail);
        context.committing(c);
    }

    private static void requireQuantity(long quantity, SerialRange range) {
        if (quantity < 1) {
            throw bad("quantity must be at least 1");
        }
        if (quantity > range.size()) {
            throw bad("quantity " + quantity + " exceeds the " + range.size() + " serials of " + range);
        }
    }

    private static Instant millis(Instant t) {
        return t == null ? null : Instant.ofEpochMilli(t.toEpochMilli());
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }

    static Order toOrder(OrderRow r) {
        return new Order(r.id(), r.name(), r.product(), r.contractManufacturer(), r.quantity(), r.used(),
                new SerialRange(r.serialPrefix(), r.serialDigits(), r.serialFirst(), r.serialLast()), r.state(),
                r.created(), r.serialMode(), r.validFrom(), r.validUntil());
    }
}
