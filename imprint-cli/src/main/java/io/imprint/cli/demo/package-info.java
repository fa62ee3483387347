/** The {@code imprint demo} scenario: a production run of emulated devices and the attacks Imprint refuses. */
package io.imprint.cli.demo;
