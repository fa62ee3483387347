/**
 * The i.MX CAAM manufacturing-protection (MP) signature format: ECDSA over
 * SHA-256(MPMR || message), raw r||s, with a public key printed as bare X||Y.
 * Sources: U-Boot {@code drivers/crypto/fsl/fsl_mfgprot.c}, {@code arch/arm/mach-imx/cmd_mfgprot.c};
 * OP-TEE {@code core/pta/imx/manufacturing_protection.c}; NXP mp-verification-tool (see
 * shared/reference/hardware-facts.md).
 */
package io.imprint.protocol.mp;
