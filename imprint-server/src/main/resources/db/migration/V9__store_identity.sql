-- Which keys this store was made with. One row, written when the store is created (or, for a store
-- made before this table existed, by the first start that finds its keys). Every start checks the
-- data directory's keys against it before it writes anything: a database opened with another
-- store's data directory is refused instead of writing product CAs or escrow records under the
-- wrong keys.
CREATE TABLE store_identity (
    singleton   INTEGER     NOT NULL PRIMARY KEY CHECK (singleton = 1),
    store_id    VARCHAR(32) NOT NULL,
    escrow_key  VARCHAR(64) NOT NULL,  -- HMAC-SHA256 of a fixed label under the escrow KEK (reveals nothing)
    audit_key   VARCHAR(64) NOT NULL,  -- SHA-256 of the audit public key (SubjectPublicKeyInfo DER)
    operator_ca VARCHAR(64),           -- SHA-256 of the operator CA certificate (DER); null until it exists
    created_at  BIGINT      NOT NULL
);
