package io.imprint.server.admin;

/**
 * A stored single-use re-provisioning authorization.
 *
 * @param id the authorization's id
 * @param by the operator who authorized it
 */
public record ReprovisionView(String id, String product, String chip, String reason, String by) {
}
