package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Offline bundles and the receipts-file lines already imported. */
public interface BundleRepository {
    /** Inserts a bundle; a known id raises {@link UniqueViolation}. */
    void insert(Connection c, BundleRow bundle) throws SQLException;

    /** Inserts the per-unit stored digests (serial to lowercase hex) of a bundle. */
    void insertUnitDigests(Connection c, String bundleId, Map<String, String> digests) throws SQLException;

    Optional<BundleRow> find(Connection c, String bundleId) throws SQLException;

    /** Serial to lowercase hex stored digest, for a bundle with per-unit items (empty otherwise). */
    Map<String, String> unitDigests(Connection c, String bundleId) throws SQLException;

    /** Bundles, newest first, optionally of one product (null = all). */
    List<BundleRow> list(Connection c, String product) throws SQLException;

    /** Records a processed receipts-file line; a known line raises {@link UniqueViolation}. */
    void insertReceipt(Connection c, BundleReceiptRow row) throws SQLException;

    /** The remembered verdict of a line with this SHA-256, if it was processed before. */
    Optional<BundleReceiptRow> findReceipt(Connection c, String lineSha256) throws SQLException;

    /**
     * Replaces the pending verdict of {@code row}'s line, only while it is still pending with outcome
     * {@code previousOutcome} (compare-and-set against a concurrent import); false when it was not.
     */
    boolean replacePendingReceipt(Connection c, String previousOutcome, BundleReceiptRow row) throws SQLException;

    /** Forgets the pending verdict of a line (before it is settled); a settled line is left alone. */
    void deletePendingReceipt(Connection c, String lineSha256) throws SQLException;
}
