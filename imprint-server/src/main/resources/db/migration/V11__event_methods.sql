-- The attestation method of each attempt (docs/protocol.md, "Attestation methods"): set on every event
-- written once the request's method is known (accepted or refused), NULL for rows written before V11
-- and for events without a method (operator changes, requests refused before their method was read).
-- Reports count NULL as caam-mp, the only method before V10. Portable SQL (SQLite and PostgreSQL).
ALTER TABLE events ADD COLUMN method VARCHAR(16);
