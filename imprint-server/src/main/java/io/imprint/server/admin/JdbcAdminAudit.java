package io.imprint.server.admin;

import io.imprint.server.store.Database;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@link AdminAudit} into the {@code admin_actions} table (details as sorted {@code key=value; ...}). */
public final class JdbcAdminAudit implements AdminAudit {
    private static final int MAX_DETAILS = 2000;
    private final Database db;
    private final Clock clock;

    public JdbcAdminAudit(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void record(Operator who, String action, Map<String, String> details) {
        String text = new TreeMap<>(details).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        String bounded = text.length() <= MAX_DETAILS ? text : text.substring(0, MAX_DETAILS);
        db.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO admin_actions (id, occurred_at, operator, "
                    + "role, cm, action, details) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, UUID.randomUUID().toString());
                s.setLong(2, clock.millis());
                s.setString(3, who.name());
                s.setString(4, who.role().slug());
                s.setString(5, who.cm());
                s.setString(6, action);
                s.setString(7, bounded);
                s.executeUpdate();
            }
            return null;
        });
    }
}
