-- Offline bundles: what the build server built (no secrets, only SHA-256 digests of what units store)
-- and every receipts-file line already processed, so an import is idempotent. Portable SQL.

CREATE TABLE bundles (
    bundle_id   VARCHAR(32)  NOT NULL PRIMARY KEY,
    product     VARCHAR(64)  NOT NULL REFERENCES products (name),
    lot         VARCHAR(64)  NOT NULL,
    order_id    VARCHAR(36)  NOT NULL REFERENCES orders (id),
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    unit_count  INTEGER      NOT NULL CHECK (unit_count >= 0),
    lot_digest  VARCHAR(64),
    recorded_at BIGINT       NOT NULL
);
CREATE INDEX bundles_product ON bundles (product, lot);

-- Per-unit bundles: the stored digest each serial's unit reports.
CREATE TABLE bundle_unit_digests (
    bundle_id VARCHAR(32) NOT NULL REFERENCES bundles (bundle_id),
    serial    VARCHAR(64) NOT NULL,
    digest    VARCHAR(64) NOT NULL,
    CONSTRAINT bundle_unit_digests_pk PRIMARY KEY (bundle_id, serial)
);

-- One row per receipts-file line processed (accepted or refused), keyed by SHA-256 of the line.
CREATE TABLE bundle_receipts (
    line_sha256 VARCHAR(64) NOT NULL PRIMARY KEY,
    bundle_id   VARCHAR(32),
    chip_id     VARCHAR(64),
    serial      VARCHAR(64),
    outcome     VARCHAR(64) NOT NULL,
    imported_at BIGINT      NOT NULL
);
CREATE INDEX bundle_receipts_bundle ON bundle_receipts (bundle_id, outcome);
