/** The {@code imprint bench} subcommands: end-to-end timings printed as tables, never asserted. */
package io.imprint.cli.bench;
