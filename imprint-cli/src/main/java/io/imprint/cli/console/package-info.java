/** Terminal output helpers: progress bars and tables. */
package io.imprint.cli.console;
