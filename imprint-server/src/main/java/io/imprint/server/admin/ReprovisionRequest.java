package io.imprint.server.admin;

/**
 * The body of {@code POST /admin/v1/units/reprovision-authorizations}; who authorizes is the operator.
 *
 * @param chip chip ID in hex
 * @param reason why, e.g. {@code RMA-123}
 * @param authorizedBy who authorized it, for local use only (a detail of the {@code local:<user>} entry);
 *     null over the API, where the operator certificate names who authorizes
 */
public record ReprovisionRequest(String product, String chip, String reason, String authorizedBy) {
    /** A request whose authorizer is the calling operator. */
    public ReprovisionRequest(String product, String chip, String reason) {
        this(product, chip, reason, null);
    }
}
