package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Products by name. */
public interface ProductRepository {
    /** Inserts; a duplicate name raises {@link UniqueViolation}. */
    void insert(Connection c, ProductRow product) throws SQLException;

    Optional<ProductRow> find(Connection c, String name) throws SQLException;

    List<ProductRow> list(Connection c) throws SQLException;
}
