package io.imprint.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link BundleRepository} in portable SQL. */
public final class JdbcBundleRepository implements BundleRepository {
    private static final String COLUMNS = "bundle_id, product, lot, order_id, created_at, expires_at, unit_count, "
            + "lot_digest, recorded_at";
    private static final int BATCH = 1000;

    @Override
    public void insert(Connection c, BundleRow b) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO bundles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, b.bundleId());
            s.setString(2, b.product());
            s.setString(3, b.lot());
            s.setString(4, b.orderId());
            s.setLong(5, b.createdAt());
            s.setLong(6, b.expiresAt());
            s.setInt(7, b.unitCount());
            s.setString(8, b.lotDigest());
            s.setLong(9, b.recordedAt().toEpochMilli());
            s.executeUpdate();
        }
    }

    @Override
    public void insertUnitDigests(Connection c, String bundleId, Map<String, String> digests) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO bundle_unit_digests (bundle_id, serial, digest) VALUES (?, ?, ?)")) {
            int pending = 0;
            for (Map.Entry<String, String> d : digests.entrySet()) {
                s.setString(1, bundleId);
                s.setString(2, d.getKey());
                s.setString(3, d.getValue());
                s.addBatch();
                if (++pending == BATCH) {
                    s.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                s.executeBatch();
            }
        }
    }

    @Override
    public Optional<BundleRow> find(Connection c, String bundleId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM bundles WHERE bundle_id = ?")) {
            s.setString(1, bundleId);
            List<BundleRow> rows = all(s);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    @Override
    public Map<String, String> unitDigests(Connection c, String bundleId) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT serial, digest FROM bundle_unit_digests WHERE bundle_id = ?")) {
            s.setString(1, bundleId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
        }
        return out;
    }

    @Override
    public List<BundleRow> list(Connection c, String product) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM bundles" + (product == null ? "" : " WHERE product = ?")
                + " ORDER BY recorded_at DESC, bundle_id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (product != null) {
                s.setString(1, product);
            }
            return all(s);
        }
    }

    @Override
    public void insertReceipt(Connection c, BundleReceiptRow row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO bundle_receipts (bundle_id, chip_id, serial, "
                + "outcome, settled, imported_at, line_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            bindReceipt(s, row);
            s.executeUpdate();
        }
    }

    @Override
    public Optional<BundleReceiptRow> findReceipt(Connection c, String lineSha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT bundle_id, chip_id, serial, outcome, settled, "
                + "imported_at FROM bundle_receipts WHERE line_sha256 = ?")) {
            s.setString(1, lineSha256);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new BundleReceiptRow(lineSha256, r.getString(1), r.getString(2),
                        r.getString(3), r.getString(4), r.getInt(5) != 0, Instant.ofEpochMilli(r.getLong(6))))
                        : Optional.empty();
            }
        }
    }

    @Override
    public boolean replacePendingReceipt(Connection c, String previousOutcome, BundleReceiptRow row)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE bundle_receipts SET bundle_id = ?, chip_id = ?, "
                + "serial = ?, outcome = ?, settled = ?, imported_at = ? "
                + "WHERE line_sha256 = ? AND settled = 0 AND outcome = ?")) {
            bindReceipt(s, row);
            s.setString(8, previousOutcome);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public void deletePendingReceipt(Connection c, String lineSha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM bundle_receipts WHERE line_sha256 = ? AND settled = 0")) {
            s.setString(1, lineSha256);
            s.executeUpdate();
        }
    }

    /** Binds parameters 1-7: bundle_id, chip_id, serial, outcome, settled, imported_at, line_sha256. */
    private static void bindReceipt(PreparedStatement s, BundleReceiptRow row) throws SQLException {
        s.setString(1, row.bundleId());
        s.setString(2, row.chipId());
        s.setString(3, row.serial());
        s.setString(4, row.outcome());
        s.setInt(5, row.settled() ? 1 : 0);
        s.setLong(6, row.importedAt().toEpochMilli());
        s.setString(7, row.lineSha256());
    }

    private static List<BundleRow> all(PreparedStatement s) throws SQLException {
        List<BundleRow> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new BundleRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                        r.getLong(6), r.getInt(7), r.getString(8), Instant.ofEpochMilli(r.getLong(9))));
            }
        }
        return out;
    }
}
