-- Audit trail: append-only hash chain of entries, checkpoints signed by the audit key.
-- Portable SQL: runs unchanged on SQLite and PostgreSQL. See docs/audit.md for the exact hashes.

-- One row: the chain head. Every append first updates it, which serializes appenders across
-- server nodes on one PostgreSQL (a row lock held to commit); SQLite writers are serialized anyway.
CREATE TABLE audit_head (
    id         INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    seq        BIGINT      NOT NULL,
    entry_hash VARCHAR(64) NOT NULL,
    checkpoints BIGINT     NOT NULL
);
INSERT INTO audit_head (id, seq, entry_hash, checkpoints)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

CREATE TABLE audit_entries (
    seq         BIGINT      NOT NULL PRIMARY KEY,
    recorded_at BIGINT      NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    actor       VARCHAR(128) NOT NULL,
    payload     TEXT        NOT NULL,
    prev_hash   VARCHAR(64) NOT NULL,
    entry_hash  VARCHAR(64) NOT NULL
);

CREATE TABLE audit_checkpoints (
    id         BIGINT      NOT NULL PRIMARY KEY,
    seq        BIGINT      NOT NULL,
    entry_hash VARCHAR(64) NOT NULL,
    signed_at  BIGINT      NOT NULL,
    signature  VARCHAR(128) NOT NULL
);
CREATE INDEX audit_checkpoints_seq ON audit_checkpoints (seq);
