package io.imprint.server.alerts;

import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.store.EventRepository;
import io.imprint.server.store.EventRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * An {@link EventRepository} that also queues an {@link Alert} in the outbox, on the same connection,
 * for every event whose outcome is a problem code with an alert class; then wakes the sender.
 */
public final class AlertingEventRepository implements EventRepository {
    private final EventRepository delegate;
    private final AlertOutbox outbox;
    private final java.time.Clock clock;
    private final Runnable wake;

    public AlertingEventRepository(EventRepository delegate, AlertOutbox outbox, java.time.Clock clock,
                                   Runnable wake) {
        this.delegate = delegate;
        this.outbox = outbox;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public void insert(Connection c, EventRow event) throws SQLException {
        delegate.insert(c, event);
        Alert alert = Alert.of(event, ProblemCode.fromSlug(event.outcome()));
        if (alert != null) {
            outbox.enqueue(c, alert, clock.millis());
            wake.run();
        }
    }

    @Override
    public Map<String, Long> countByOutcome(Connection c, String product, String orderId) throws SQLException {
        return delegate.countByOutcome(c, product, orderId);
    }

    @Override
    public List<EventRow> recent(Connection c, String product, int limit) throws SQLException {
        return delegate.recent(c, product, limit);
    }
}
