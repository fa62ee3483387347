package io.imprint.protocol.message;

/** Step 1: the device asks for a challenge for its product. */
public record ChallengeRequest(String product) {
}
