package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The attestation methods a product accepts, and their trust roots. */
public interface MethodRepository {
    /** Adds {@code method} to the product's accepted methods; no effect when already there. */
    void accept(Connection c, String product, String method, Instant at) throws SQLException;

    /** Removes {@code method} and its trust roots; true when it was accepted. */
    boolean refuse(Connection c, String product, String method) throws SQLException;

    /** The product's methods, sorted. */
    List<String> methods(Connection c, String product) throws SQLException;

    /** Inserts a root; the same certificate twice raises {@link UniqueViolation}. */
    void addRoot(Connection c, TrustRootRow root) throws SQLException;

    /** Removes a root by fingerprint; true when it existed. */
    boolean removeRoot(Connection c, String product, String method, String fingerprint) throws SQLException;

    /** The product's roots for {@code method} (all methods when null), by method then fingerprint. */
    List<TrustRootRow> roots(Connection c, String product, String method) throws SQLException;
}
