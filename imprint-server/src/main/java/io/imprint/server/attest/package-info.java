/** Challenges, attestation of devices by their MP signature, unit issuance and receipts. */
package io.imprint.server.attest;
