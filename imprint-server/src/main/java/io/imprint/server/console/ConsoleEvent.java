package io.imprint.server.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One event-log row as the console shows it, with the name of the order it was attributed to.
 *
 * @param alertClass {@code clone}, {@code overproduction}, ... or null when the outcome raises no alert
 */
record ConsoleEvent(String id, Instant time, String product, String order, String chip, String serial,
                    String outcome, String detail, String correlationId, String alertClass) {
    /** Columns to select, {@code e} = events, {@code o} = orders (left-joined). */
    static final String COLUMNS = "e.id, e.occurred_at, e.product, o.name AS order_name, e.chip_id, e.serial, "
            + "e.outcome, e.detail, e.correlation_id";

    static ConsoleEvent of(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        return new ConsoleEvent(rs.getString("id"), Rows.instant(rs, "occurred_at"), rs.getString("product"),
                rs.getString("order_name"), rs.getString("chip_id"), rs.getString("serial"), outcome,
                rs.getString("detail"), rs.getString("correlation_id"), Rows.alertClass(outcome));
    }

    boolean refusal() {
        return Rows.refusal(outcome);
    }
}
