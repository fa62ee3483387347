package io.imprint.server.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link AdminAudit} into the {@code admin_actions} table: the operator in its own columns, the request's
 * details and {@code outcome} as sorted {@code key=value; ...}.
 */
public final class JdbcAdminAudit implements AdminAudit {
    private static final int MAX_DETAILS = 2000;
    private final Clock clock;

    public JdbcAdminAudit(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void record(Connection c, AdminActor who, String action, Map<String, String> details, String outcome)
            throws SQLException {
        TreeMap<String, String> all = new TreeMap<>();
        details.forEach((k, v) -> all.put(k.equals("outcome") ? "request.outcome" : k, v));
        all.put("outcome", outcome);
        String text = all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        String bounded = text.length() <= MAX_DETAILS ? text : text.substring(0, MAX_DETAILS);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO admin_actions (id, occurred_at, operator, "
                + "role, cm, action, details) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setLong(2, clock.millis());
            s.setString(3, who.name());
            s.setString(4, who.role());
            s.setString(5, who.cm());
            s.setString(6, action);
            s.setString(7, bounded);
            s.executeUpdate();
        }
    }
}
