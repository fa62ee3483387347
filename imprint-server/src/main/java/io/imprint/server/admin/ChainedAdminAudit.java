package io.imprint.server.admin;

import io.imprint.server.audit.AuditTrail;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes every admin action an entry of the tamper-evident audit trail (kind {@code admin}, actor =
 * operator name), and keeps the queryable {@code admin_actions} row beside it.
 */
public final class ChainedAdminAudit implements AdminAudit {
    private final AuditTrail trail;
    private final AdminAudit index;

    public ChainedAdminAudit(AuditTrail trail, AdminAudit index) {
        this.trail = trail;
        this.index = index;
    }

    @Override
    public void record(Operator who, String action, Map<String, String> details) {
        TreeMap<String, String> payload = new TreeMap<>(details);
        payload.put("action", action);
        payload.put("role", who.role().slug());
        if (who.cm() != null) {
            payload.put("cm", who.cm());
        }
        trail.append("admin", who.name(), payload);
        index.record(who, action, details);
    }
}
