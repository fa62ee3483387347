package io.imprint.device.client;

import java.io.IOException;

/**
 * The server answered 503 (briefly unavailable) to an attestation. Its body is not sent again: the
 * server may have used its challenge already, and a resent body would be refused {@code nonce-used}.
 * The client has already waited what the server asked (Retry-After, capped by the retry policy); the
 * caller starts over with a fresh challenge.
 */
public final class UnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }
}
