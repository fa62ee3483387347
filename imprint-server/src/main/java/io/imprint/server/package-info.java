/** The Imprint server: the composition root {@link io.imprint.server.Imprint} and its configuration. */
package io.imprint.server;
