/** Alerts on classified refusals: a durable outbox and asynchronous webhook delivery with retries. */
package io.imprint.server.alerts;
