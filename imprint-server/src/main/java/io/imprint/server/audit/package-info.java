/** The tamper-evident audit trail: hash-chained entries and checkpoints signed by the audit key. */
package io.imprint.server.audit;
