package io.imprint.server.admin;

import io.imprint.server.audit.AuditTrail;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes every admin action an entry of the tamper-evident audit trail (kind {@code admin}, actor =
 * operator name), and keeps the queryable {@code admin_actions} row beside it, in the caller's
 * transaction. Payload: {@code action}, {@code outcome}, {@code operatorRole}, {@code operatorCm} and
 * the request's details under their own keys; a detail named like one of those four is kept as
 * {@code request.<key>}, so nothing the caller asked for is ever overwritten.
 */
public final class ChainedAdminAudit implements AdminAudit {
    /** Entry kind of admin actions. */
    public static final String KIND = "admin";
    private static final Set<String> OWN = Set.of("action", "outcome", "operatorRole", "operatorCm");
    private final AuditTrail trail;
    private final AdminAudit index;

    public ChainedAdminAudit(AuditTrail trail, AdminAudit index) {
        this.trail = trail;
        this.index = index;
    }

    @Override
    public void record(Connection c, AdminActor who, String action, Map<String, String> details, String outcome)
            throws SQLException {
        trail.append(c, KIND, who.name(), payload(who, action, details, outcome));
        index.record(c, who, action, details, outcome);
    }

    static Map<String, String> payload(AdminActor who, String action, Map<String, String> details, String outcome) {
        TreeMap<String, String> payload = new TreeMap<>();
        details.forEach((k, v) -> payload.put(OWN.contains(k) ? "request." + k : k, v));
        payload.put("action", action);
        payload.put("outcome", outcome);
        payload.put("operatorRole", who.role());
        if (who.cm() != null) {
            payload.put("operatorCm", who.cm());
        }
        return payload;
    }
}
