/** The {@code caam-mp} attestation method: i.MX CAAM manufacturing-protection signatures. */
package io.imprint.server.attest.mp;
