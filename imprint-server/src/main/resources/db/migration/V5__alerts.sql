-- Operator actions on the admin API and the outbox of alerts awaiting webhook delivery.
-- Portable SQL: runs unchanged on SQLite and PostgreSQL.

CREATE TABLE admin_actions (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    occurred_at BIGINT        NOT NULL,
    operator    VARCHAR(128)  NOT NULL,
    role        VARCHAR(16)   NOT NULL,
    cm          VARCHAR(128),
    action      VARCHAR(64)   NOT NULL,
    details     VARCHAR(2000) NOT NULL
);
CREATE INDEX admin_actions_time ON admin_actions (occurred_at);

CREATE TABLE alert_outbox (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    alert_class     VARCHAR(32)  NOT NULL,
    code            VARCHAR(64)  NOT NULL,
    product         VARCHAR(64),
    order_id        VARCHAR(36),
    chip_id         VARCHAR(64),
    serial          VARCHAR(64),
    occurred_at     BIGINT       NOT NULL,
    correlation     VARCHAR(64)  NOT NULL,
    state           VARCHAR(16)  NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at BIGINT       NOT NULL,
    last_error      VARCHAR(256)
);
CREATE INDEX alert_outbox_due ON alert_outbox (state, next_attempt_at);
