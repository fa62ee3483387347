package io.imprint.server.store;

/**
 * The store cannot serve now but may shortly: a lock held past the lock timeout, a lost or refused
 * connection, a database shutting down or out of resources (disk full). Nothing was committed unless
 * the failure hit the commit itself; the same request may be sent again. Devices see it as HTTP 503
 * with Retry-After.
 */
public class StoreUnavailable extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
