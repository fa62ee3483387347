/** The device listener's TLS certificate: generated self-signed on first start, or configured PEM. */
package io.imprint.server.tls;
