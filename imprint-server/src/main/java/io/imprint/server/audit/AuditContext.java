package io.imprint.server.audit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Who causes a state change, and the caller's own record of it that must commit with the change: the
 * actor named on the change's events and audit entries, and a hook a service calls inside the
 * change's transaction once the change has succeeded (before commit). The change, its event and the
 * caller's record therefore commit together or not at all.
 */
public interface AuditContext {
    /** A change made by the server itself or a direct library call: actor {@code system}, nothing more. */
    AuditContext SYSTEM = of("system");

    /** Who the change's events and entries name (an operator, {@code local:<user>} or {@code system}). */
    String actor();

    /** Writes the caller's record on {@code c}, inside the change's transaction; throwing rolls the change back. */
    void committing(Connection c) throws SQLException;

    /** A context that names {@code actor} and records nothing of its own. */
    static AuditContext of(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an audit context needs an actor");
        }
        return new AuditContext() {
            @Override
            public String actor() {
                return actor;
            }

            @Override
            public void committing(Connection c) {
                // nothing of its own: the change's events carry the actor
            }
        };
    }
}
