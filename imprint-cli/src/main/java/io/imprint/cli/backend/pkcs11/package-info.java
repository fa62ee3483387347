/**
 * {@code --backend pkcs11}: a secure element behind PKCS#11 (method {@code pkcs11-se}); for the demo and
 * the tests, EMULATED secure elements in SoftHSM2 tokens with an emulated vendor CA.
 */
package io.imprint.cli.backend.pkcs11;
