/**
 * Attestation backends: what signs with the chip's manufacturing-protection key and what reads
 * the chip's fuses. Emulations say so in {@code description()}.
 */
package io.imprint.device.backend;
