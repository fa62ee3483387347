package io.imprint.server.admin;

/**
 * The body of {@code POST /admin/v1/products/{name}/trust-roots}.
 *
 * @param method the attestation method ({@code tpm2} or {@code pkcs11-se}) the roots are for
 * @param certificate PEM text of one or more CA certificates
 */
public record TrustRootRequest(String method, String certificate) {
}
