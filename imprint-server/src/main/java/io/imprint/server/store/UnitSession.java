package io.imprint.server.store;

/**
 * A session that delivered a unit's escrowed identity (its secrets and a certificate chain). Its
 * receipt is accepted while the unit is still in the same issuance: a re-provisioning starts a new one.
 *
 * @param issuance the unit's issuance when the session delivered (0, then +1 per re-provisioning)
 * @param certificateChain the PEM chain this session delivered, device certificate first
 */
public record UnitSession(String sessionId, String chipId, int issuance, String certificateChain) {
}
