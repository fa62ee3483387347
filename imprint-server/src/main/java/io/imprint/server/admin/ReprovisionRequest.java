package io.imprint.server.admin;

/**
 * The body of {@code POST /admin/v1/units/reprovision-authorizations}; who authorizes is the operator.
 *
 * @param chip chip ID in hex
 * @param reason why, e.g. {@code RMA-123}
 */
public record ReprovisionRequest(String product, String chip, String reason) {
}
