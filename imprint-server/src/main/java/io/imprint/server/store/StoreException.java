package io.imprint.server.store;

/** A database failure that is not a refusal: surfaces as an internal error. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
