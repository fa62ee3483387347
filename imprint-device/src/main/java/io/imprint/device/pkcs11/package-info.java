/**
 * PKCS#11 tokens on the device: a secure element's key and device certificate
 * ({@link io.imprint.device.pkcs11.Pkcs11SecureElement}, method {@code pkcs11-se}) and secrets kept as
 * token objects ({@link io.imprint.device.pkcs11.Pkcs11TokenStore}), through the JDK's SunPKCS11
 * provider; {@link io.imprint.device.pkcs11.Pkcs11Library} adds what SunPKCS11 lacks (a token by its
 * label, and token initialisation for emulated parts) through the Foreign Function &amp; Memory API.
 */
package io.imprint.device.pkcs11;
