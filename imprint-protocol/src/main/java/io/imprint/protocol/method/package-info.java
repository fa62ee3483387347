/**
 * Attestation methods: how a device proves what it is (i.MX CAAM MP, TPM 2.0, a PKCS#11 secure
 * element), and the method-specific proof fields that travel beside the common evidence.
 */
package io.imprint.protocol.method;
