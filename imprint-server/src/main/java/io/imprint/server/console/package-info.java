/**
 * The operator console: server-rendered HTML pages on the admin listener, behind the same mTLS operator
 * certificates and role model as the admin API (docs/console.md). Every page and action is authorized in
 * {@link io.imprint.server.console.ConsoleService}; every user-controlled string passes {@link
 * io.imprint.server.console.Html#text}.
 */
package io.imprint.server.console;
