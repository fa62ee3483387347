package io.imprint.server.store;

import java.time.Instant;

/**
 * A stored unit: one chip, one serial.
 *
 * @param chipId uppercase hex chip ID
 * @param sessionId lowercase hex of the session of the last issuance
 * @param escrow Base64 of the escrowed secrets (ciphertext only)
 * @param certificateChain PEM chain, device certificate first
 * @param confirmedAt when the receipt was accepted, or null
 */
public record UnitRow(String chipId, String product, String serial, String orderId, String state, String sessionId,
                      String escrow, String certificateChain, Instant created, Instant confirmedAt) {
    public static final String ISSUED = "issued";
    public static final String PROVISIONED = "provisioned";
}
