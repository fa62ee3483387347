/** Server keys chosen by URI ({@code pkcs11:} via SunPKCS11, {@code file:} software): MP keys for bundles, bundle signing. */
package io.imprint.server.keystore;
