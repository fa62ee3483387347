package io.imprint.device.tpm;

import java.io.IOException;

/** A tpm2-tools command failed, timed out or could not start; the message is one line. */
public final class TpmCommandException extends IOException {
    private static final long serialVersionUID = 1L;

    public TpmCommandException(String message) {
        super(message);
    }

    public TpmCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
