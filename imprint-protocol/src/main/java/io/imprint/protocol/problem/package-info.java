/** Stable problem codes shared by server, device and CLI, and the one domain exception type. */
package io.imprint.protocol.problem;
