package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Production orders, their life cycle and their quota. */
public interface OrderRepository {
    /** Inserts; a duplicate name raises {@link UniqueViolation}. */
    void insert(Connection c, OrderRow order) throws SQLException;

    Optional<OrderRow> findByName(Connection c, String name) throws SQLException;

    Optional<OrderRow> findById(Connection c, String id) throws SQLException;

    List<OrderRow> list(Connection c, String product) throws SQLException;

    /** Orders of {@code product} with this serial prefix, whatever their digit count (any state). */
    List<OrderRow> withSerialPrefix(Connection c, String product, String prefix) throws SQLException;

    /**
     * Serializes order creation per product until the transaction ends (a row lock on the product on
     * PostgreSQL; SQLite writers are serialized already), so two concurrent creates cannot both pass
     * the overlap check.
     */
    void lockProduct(Connection c, String product) throws SQLException;

    /** The open order of {@code product} whose range holds the serial, if any. */
    Optional<OrderRow> openOrderFor(Connection c, String product, String prefix, int digits, long number)
            throws SQLException;

    /** The order of {@code product} (any state) whose range holds the serial, if any. */
    Optional<OrderRow> orderCovering(Connection c, String product, String prefix, int digits, long number)
            throws SQLException;

    /** Orders of {@code product} whose serials the server assigns, oldest first (any state). */
    List<OrderRow> serverAssigning(Connection c, String product) throws SQLException;

    /**
     * Atomically takes one unit of quota of an open order valid at {@code now}; false when the order is
     * not open, outside its window or exhausted. After success, {@code used} is the unit's 1-based index.
     */
    boolean consumeOne(Connection c, String orderId, Instant now) throws SQLException;

    /** {@link #consumeOne(Connection, String, Instant)} ignoring the validity window. */
    default boolean consumeOne(Connection c, String orderId) throws SQLException {
        return consumeOne(c, orderId, null);
    }

    /** Moves the order from {@code from} to {@code to}; false when it was not in state {@code from}. */
    boolean transition(Connection c, String orderId, String from, String to) throws SQLException;

    /** Closes the order from any state but closed; false when it was closed already. */
    boolean close(Connection c, String orderId) throws SQLException;

    /** Sets the quantity unless the order is closed or already used more than {@code quantity}. */
    boolean resize(Connection c, String orderId, long quantity) throws SQLException;
}
