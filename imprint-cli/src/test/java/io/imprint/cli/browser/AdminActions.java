package io.imprint.cli.browser;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** What the server recorded in its {@code admin_actions} table (SQLite store), read beside the running server. */
final class AdminActions {
    private AdminActions() {
    }

    /** {@code "<action> <details>"} of each row of {@code operator}, oldest first ({@code outcome=...} among the details). */
    static List<String> of(Path dataDir, String operator) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("imprint.db"));
             PreparedStatement s = c.prepareStatement(
                     "SELECT action, details FROM admin_actions WHERE operator = ? ORDER BY occurred_at")) {
            s.setString(1, operator);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2));
                }
            }
        }
        return rows;
    }
}
