package io.imprint.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The event log of every attempt. */
public interface EventRepository {
    void insert(Connection c, EventRow event) throws SQLException;

    /** Event counts by outcome, optionally for one product and/or order (null = all). */
    Map<String, Long> countByOutcome(Connection c, String product, String orderId) throws SQLException;

    /** The newest {@code limit} events, newest first, optionally for one product (null = all). */
    List<EventRow> recent(Connection c, String product, int limit) throws SQLException;
}
