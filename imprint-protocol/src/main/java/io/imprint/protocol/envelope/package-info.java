/**
 * End-to-end encryption of secrets to a device key: ECDH P-256, HKDF-SHA256 and AES-256-GCM,
 * with the session and the exact signed evidence bound into the key derivation and the AAD.
 * TLS protects the channel; the envelope keeps secrets from anything that terminates TLS on the way.
 */
package io.imprint.protocol.envelope;
