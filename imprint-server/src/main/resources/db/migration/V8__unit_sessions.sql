-- Attempts of one chip are ordered by their challenge: a unit keeps the expiry of the challenge of its
-- current session, and an older attempt that commits late never takes the place of a newer one.
-- Every session that delivered a unit's escrowed identity is kept with the chain it delivered, so the
-- receipt of any of them is accepted, as long as the unit was not re-provisioned since (issuance).
-- Portable SQL (SQLite and PostgreSQL).
ALTER TABLE units ADD COLUMN session_expires_at BIGINT;
ALTER TABLE units ADD COLUMN issuance INTEGER NOT NULL DEFAULT 0;

CREATE TABLE unit_sessions (
    session_id        VARCHAR(32) NOT NULL PRIMARY KEY,
    chip_id           VARCHAR(64) NOT NULL REFERENCES units (chip_id),
    issuance          INTEGER     NOT NULL,
    certificate_chain TEXT        NOT NULL,
    created_at        BIGINT      NOT NULL
);
CREATE INDEX unit_sessions_chip ON unit_sessions (chip_id);

-- Units issued over the network before V8: their current session is their one delivering session.
-- Offline units (no escrow; their session is the bundle id) have none.
INSERT INTO unit_sessions (session_id, chip_id, issuance, certificate_chain, created_at)
    SELECT session_id, chip_id, 0, certificate_chain, created_at FROM units WHERE escrow <> '';
