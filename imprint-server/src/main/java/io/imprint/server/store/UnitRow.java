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
 * @param sessionExpiresAt expiry of the challenge of {@code sessionId}: orders the attempts of one chip
 *     (a later challenge is a newer attempt); null for offline units and units issued before it was kept
 */
public record UnitRow(String chipId, String product, String serial, String orderId, String state, String sessionId,
                      String escrow, String certificateChain, Instant created, Instant confirmedAt,
                      Instant sessionExpiresAt) {
    public static final String ISSUED = "issued";
    public static final String PROVISIONED = "provisioned";

    /** A unit whose session has no challenge expiry (offline units). */
    public UnitRow(String chipId, String product, String serial, String orderId, String state, String sessionId,
                   String escrow, String certificateChain, Instant created, Instant confirmedAt) {
        this(chipId, product, serial, orderId, state, sessionId, escrow, certificateChain, created, confirmedAt,
                null);
    }
}
