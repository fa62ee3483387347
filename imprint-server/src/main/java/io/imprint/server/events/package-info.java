/** The event log of every provisioning attempt, accepted or refused, and the reports built on it. */
package io.imprint.server.events;
