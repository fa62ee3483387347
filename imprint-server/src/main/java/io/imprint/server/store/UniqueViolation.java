package io.imprint.server.store;

import java.sql.SQLException;

/** A write refused by a unique or primary-key constraint. */
public final class UniqueViolation extends StoreException {
    private static final long serialVersionUID = 1L;

    public UniqueViolation(SQLException cause) {
        super("unique constraint violated", cause);
    }
}
