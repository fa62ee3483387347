/**
 * The offline bundle: a signed, versioned container of secrets encrypted under a key derived from
 * the MP public key, and the MP-signed receipt a device writes after applying it. Pure, no I/O.
 */
package io.imprint.protocol.bundle;
