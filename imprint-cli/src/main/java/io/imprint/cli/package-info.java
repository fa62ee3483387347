/** The {@code imprint} command: one thin picocli class per command group (parse, call, print). */
package io.imprint.cli;
