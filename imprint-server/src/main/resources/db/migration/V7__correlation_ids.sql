-- Correlation ids: the id a refused request got in its problem document and server log line is kept
-- on its event row and on the alert queued for it, so one id leads from the CLI or device output to
-- the log line, the event and the webhook alert. Null for rows written before V7 and for events no
-- HTTP request caused (operator changes, receipt imports). Portable SQL (SQLite and PostgreSQL).
ALTER TABLE events ADD COLUMN correlation_id VARCHAR(32);
CREATE INDEX events_correlation ON events (correlation_id);

ALTER TABLE alert_outbox ADD COLUMN correlation_id VARCHAR(32);
