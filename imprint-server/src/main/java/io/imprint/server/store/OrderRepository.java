package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Production orders and their quota. */
public interface OrderRepository {
    /** Inserts; a duplicate name raises {@link UniqueViolation}. */
    void insert(Connection c, OrderRow order) throws SQLException;

    Optional<OrderRow> findByName(Connection c, String name) throws SQLException;

    Optional<OrderRow> findById(Connection c, String id) throws SQLException;

    List<OrderRow> list(Connection c, String product) throws SQLException;

    /** Orders of {@code product} with this prefix and digit count (open or closed). */
    List<OrderRow> withSerialShape(Connection c, String product, String prefix, int digits) throws SQLException;

    /** The open order of {@code product} whose range holds the serial, if any. */
    Optional<OrderRow> openOrderFor(Connection c, String product, String prefix, int digits, long number)
            throws SQLException;

    /** Atomically takes one unit of quota; false when the order is closed or exhausted. */
    boolean consumeOne(Connection c, String orderId) throws SQLException;

    /** Closes the order; false when it was not open. */
    boolean close(Connection c, String orderId) throws SQLException;
}
