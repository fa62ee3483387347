/**
 * The Imprint protocol: wire messages, the exact bytes that are signed, the i.MX MP signature
 * format, the end-to-end envelope and the stable problem codes. This module performs no I/O.
 */
package io.imprint.protocol;
