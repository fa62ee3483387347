/** The HTTPS device API: routing, handlers that parse-call-render, and RFC 9457 problem mapping. */
package io.imprint.server.http;
