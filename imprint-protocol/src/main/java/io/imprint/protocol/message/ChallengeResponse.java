package io.imprint.protocol.message;

/**
 * A single-use challenge.
 *
 * @param sessionId 16 random bytes, Base64
 * @param nonce 32 random bytes, Base64
 * @param expiresAt ISO-8601 instant after which the challenge is refused
 */
public record ChallengeResponse(String sessionId, String nonce, String expiresAt) {
}
