/**
 * The {@code pkcs11-se} attestation method: a secure element's P-256 key with a vendor-issued device
 * certificate (as NXP SE050 and Microchip ATECC608 parts ship), verified against the product's vendor roots.
 */
package io.imprint.server.attest.se;
