-- Imprint schema. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- Uniqueness and quotas live here (constraints, conditional updates), never in server memory.

CREATE TABLE products (
    name            VARCHAR(64)   NOT NULL PRIMARY KEY,
    part_number     VARCHAR(64)   NOT NULL,
    srk_hash        VARCHAR(64)   NOT NULL,
    mp_curve        VARCHAR(16)   NOT NULL,
    mp_public_key   VARCHAR(512)  NOT NULL,
    secret_template VARCHAR(4000) NOT NULL,
    created_at      BIGINT        NOT NULL
);

CREATE TABLE orders (
    id                    VARCHAR(36)  NOT NULL PRIMARY KEY,
    name                  VARCHAR(64)  NOT NULL UNIQUE,
    product               VARCHAR(64)  NOT NULL REFERENCES products (name),
    contract_manufacturer VARCHAR(128) NOT NULL,
    quantity              BIGINT       NOT NULL CHECK (quantity >= 1),
    used                  BIGINT       NOT NULL DEFAULT 0,
    serial_prefix         VARCHAR(64)  NOT NULL,
    serial_digits         INTEGER      NOT NULL,
    serial_first          BIGINT       NOT NULL,
    serial_last           BIGINT       NOT NULL,
    state                 VARCHAR(16)  NOT NULL CHECK (state IN ('open', 'closed')),
    created_at            BIGINT       NOT NULL,
    CONSTRAINT orders_used_within_quantity CHECK (used >= 0 AND used <= quantity)
);
CREATE INDEX orders_serials ON orders (product, serial_prefix, serial_digits);

CREATE TABLE challenges (
    session_id VARCHAR(32) NOT NULL PRIMARY KEY,
    product    VARCHAR(64) NOT NULL,
    nonce      VARCHAR(64) NOT NULL,
    expires_at BIGINT      NOT NULL,
    used       INTEGER     NOT NULL DEFAULT 0
);
CREATE INDEX challenges_expiry ON challenges (expires_at);

CREATE TABLE units (
    chip_id           VARCHAR(64) NOT NULL PRIMARY KEY,
    product           VARCHAR(64) NOT NULL REFERENCES products (name),
    serial            VARCHAR(64) NOT NULL,
    order_id          VARCHAR(36) NOT NULL REFERENCES orders (id),
    state             VARCHAR(16) NOT NULL CHECK (state IN ('issued', 'provisioned')),
    session_id        VARCHAR(32) NOT NULL,
    escrow            TEXT        NOT NULL,
    certificate_chain TEXT        NOT NULL,
    created_at        BIGINT      NOT NULL,
    confirmed_at      BIGINT,
    CONSTRAINT units_product_serial UNIQUE (product, serial)
);
CREATE INDEX units_session ON units (session_id);
CREATE INDEX units_order_state ON units (order_id, state);

CREATE TABLE events (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    occurred_at     BIGINT       NOT NULL,
    product         VARCHAR(64),
    order_id        VARCHAR(36),
    chip_id         VARCHAR(64),
    serial          VARCHAR(64),
    outcome         VARCHAR(64)  NOT NULL,
    evidence_sha256 VARCHAR(64),
    detail          VARCHAR(512)
);
CREATE INDEX events_time ON events (occurred_at);
CREATE INDEX events_outcome ON events (outcome, product);
CREATE INDEX events_order ON events (order_id, outcome);
