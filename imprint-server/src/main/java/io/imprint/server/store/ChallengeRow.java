package io.imprint.server.store;

import java.time.Instant;

/** A stored challenge; {@code sessionId} and {@code nonce} are lowercase hex. */
public record ChallengeRow(String sessionId, String product, String nonce, Instant expiresAt, boolean used) {
}
