-- Receipts-file lines: a line is remembered as settled (accepted, or refused for good: bad signature,
-- digest mismatch, does not open, clone, serial outside bundle or order) or pending (refused for a
-- reason that later state can change: order inactive, quota exhausted, unknown bundle). Pending lines
-- are evaluated again on every import. Portable SQL (SQLite and PostgreSQL).
ALTER TABLE bundle_receipts ADD COLUMN settled SMALLINT NOT NULL DEFAULT 1;

-- Before V6 every refused line was kept for good, even when only the state at import time (or a wrong
-- --product) refused it: evaluate them all once more. A line refused again for the same reason gets no
-- second event.
UPDATE bundle_receipts SET settled = 0 WHERE outcome <> 'provisioned';
