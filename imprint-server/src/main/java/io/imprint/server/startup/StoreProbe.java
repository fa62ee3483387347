package io.imprint.server.startup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a database holds before it is migrated: whether it has Imprint's schema, the recorded identity,
 * the enrolled products (whose CAs must be on disk) and whether it holds any data at all.
 */
record StoreProbe(boolean schema, Optional<StoreIdentity> identity, List<String> products, boolean hasData) {
    /** A database with nothing in it (or no database file yet). */
    static final StoreProbe EMPTY = new StoreProbe(false, Optional.empty(), List.of(), false);

    static StoreProbe read(Connection c) throws SQLException {
        if (!hasTable(c, "flyway_schema_history") || !hasTable(c, "products")) {
            return EMPTY;
        }
        Optional<StoreIdentity> identity = hasTable(c, "store_identity") ? IdentityTable.find(c) : Optional.empty();
        List<String> products = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name FROM products ORDER BY name");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                products.add(r.getString(1));
            }
        }
        boolean data = !products.isEmpty() || hasRow(c, "units") || hasRow(c, "audit_entries");
        return new StoreProbe(true, identity, List.copyOf(products), data);
    }

    /** Whether the current schema has {@code table} (the query resolves it as every repository does). */
    private static boolean hasTable(Connection c, String table) {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table + " WHERE 1 = 0");
             ResultSet r = s.executeQuery()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean hasRow(Connection c, String table) throws SQLException {
        if (!hasTable(c, table)) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table + " LIMIT 1");
             ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }
}
