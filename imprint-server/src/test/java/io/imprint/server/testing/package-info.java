/** Test-side helpers reused by other modules through the test-jar: an emulated device, a TLS client, databases. */
package io.imprint.server.testing;
