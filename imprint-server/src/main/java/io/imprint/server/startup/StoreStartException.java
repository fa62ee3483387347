package io.imprint.server.startup;

/**
 * A store that cannot be opened as configured: none where one is expected, a damaged database, keys
 * that are missing or belong to another store. The message is one line for the operator, naming the
 * file or directory and what to do; nothing was written when it is thrown.
 */
public final class StoreStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreStartException(String message) {
        super(message);
    }

    public StoreStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
