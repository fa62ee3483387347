-- Orders life cycle, server-assigned serials, per-product policy (deny by default), re-provisioning
-- authorizations and signed reconciliations. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- SQLite cannot alter V1's CHECK on orders.state, so the life cycle lives in a new column `status`
-- (draft | open | suspended | closed); `state` stays as a legacy mirror ('closed' iff status is
-- 'closed', otherwise 'open') so V1's constraint keeps holding.

ALTER TABLE orders ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'open'
    CHECK (status IN ('draft', 'open', 'suspended', 'closed'));
UPDATE orders SET status = state;
ALTER TABLE orders ADD COLUMN serial_mode VARCHAR(8) NOT NULL DEFAULT 'device'
    CHECK (serial_mode IN ('device', 'server'));
ALTER TABLE orders ADD COLUMN valid_from BIGINT;
ALTER TABLE orders ADD COLUMN valid_until BIGINT;

-- No row for a product = it allows nothing (deny by default).
CREATE TABLE product_policies (
    product           VARCHAR(64)   NOT NULL PRIMARY KEY REFERENCES products (name),
    allowed_software  VARCHAR(1000) NOT NULL,
    required_metadata VARCHAR(1000) NOT NULL,
    development       INTEGER       NOT NULL CHECK (development IN (0, 1)),
    accepted_mpmr     VARCHAR(1000) NOT NULL,
    hook_url          VARCHAR(512),
    hook_ca_pem       TEXT,
    hook_pin_sha256   VARCHAR(64),
    hook_timeout_ms   BIGINT        NOT NULL,
    updated_at        BIGINT        NOT NULL
);

CREATE TABLE reprovision_authorizations (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    product       VARCHAR(64)  NOT NULL REFERENCES products (name),
    chip_id       VARCHAR(64)  NOT NULL,
    reason        VARCHAR(256) NOT NULL,
    authorized_by VARCHAR(128) NOT NULL,
    created_at    BIGINT       NOT NULL,
    consumed_at   BIGINT,
    consumed_session VARCHAR(32)
);
CREATE INDEX reprovision_chip ON reprovision_authorizations (product, chip_id, consumed_at);

CREATE TABLE order_reconciliations (
    order_id   VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES orders (id),
    canonical  TEXT         NOT NULL,
    signature  VARCHAR(200) NOT NULL,
    created_at BIGINT       NOT NULL
);
