package io.imprint.server.admin;

/**
 * The body of {@code POST /admin/v1/products/{name}/methods}.
 *
 * @param method the attestation method the product is to accept
 */
public record MethodRequest(String method) {
}
