package io.imprint.device.uboot;

import java.io.IOException;

/**
 * The board's console failed or refused: no answer in time, no prompt, an error U-Boot printed, a
 * port that cannot be opened. The message is one line for the operator, saying what to check.
 */
public final class UbootConsoleException extends IOException {
    private static final long serialVersionUID = 1L;

    public UbootConsoleException(String message) {
        super(message);
    }

    public UbootConsoleException(String message, Throwable cause) {
        super(message, cause);
    }
}
