package io.imprint.server.console;

import io.imprint.protocol.problem.AlertClass;
import io.imprint.protocol.problem.ProblemCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** JDBC helpers of the console's read-only queries (portable SQL, SQLite and PostgreSQL). */
final class Rows {
    /** SQL list of every problem-code slug: an event with one of these outcomes is a refusal. */
    static final String REFUSALS = slugs(Arrays.stream(ProblemCode.values()).toList());
    /** SQL list of the slugs that raise an alert. */
    static final String ALERTS = slugs(Arrays.stream(ProblemCode.values())
            .filter(p -> p.alertClass() != AlertClass.NONE).toList());

    private static final java.util.Set<String> REFUSAL_SLUGS = Arrays.stream(ProblemCode.values()).map(ProblemCode::slug)
            .collect(Collectors.toUnmodifiableSet());

    private Rows() {
    }

    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with {@code params} (String, Long or Integer) and maps every row. */
    static <T> List<T> query(Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<T> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(mapper.map(rs));
                }
                return all;
            }
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    /** True for an event outcome that is a refusal (a problem-code slug). */
    static boolean refusal(String outcome) {
        return REFUSAL_SLUGS.contains(outcome);
    }

    /** A column holding epoch seconds (the bundles' build and expiry times). */
    static Instant epochSecond(ResultSet rs, String column) throws SQLException {
        long s = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(s);
    }

    /** The alert class of an outcome ({@code clone}, ...), or null for outcomes that raise none. */
    static String alertClass(String outcome) {
        for (ProblemCode p : ProblemCode.values()) {
            if (p.slug().equals(outcome)) {
                return p.alertClass() == AlertClass.NONE ? null : slug(p.alertClass());
            }
        }
        return null;
    }

    static String slug(AlertClass c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The slugs of the codes of one alert class, as an SQL list. */
    static String slugsOf(AlertClass alertClass) {
        return slugs(Arrays.stream(ProblemCode.values()).filter(p -> p.alertClass() == alertClass).toList());
    }

    private static String slugs(List<ProblemCode> codes) {
        return codes.stream().map(p -> "'" + p.slug() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
