package io.imprint.server.admin;

import java.util.Map;

/** Where every admin action (allowed or refused) is recorded. */
public interface AdminAudit {
    /** Records that {@code who} did {@code action}; {@code details} never hold secrets. */
    void record(Operator who, String action, Map<String, String> details);
}
