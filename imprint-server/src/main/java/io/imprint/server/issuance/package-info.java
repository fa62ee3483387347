/** Secret generation, escrow of issued secrets, product certificate authorities and device certificates. */
package io.imprint.server.issuance;
