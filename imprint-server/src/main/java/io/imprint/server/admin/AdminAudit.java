package io.imprint.server.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** Where every admin action (allowed or refused) is recorded, inside the caller's transaction. */
public interface AdminAudit {
    /**
     * Records on {@code c} that {@code who} did {@code action} with {@code outcome} ({@code ok} or a problem
     * slug); {@code details} are the request's, never secrets, and are kept apart from the operator's fields.
     */
    void record(Connection c, AdminActor who, String action, Map<String, String> details, String outcome)
            throws SQLException;
}
