package io.imprint.server.events;

import io.imprint.server.audit.AuditTrail;
import io.imprint.server.store.Database;
import io.imprint.server.store.EventRepository;
import io.imprint.server.store.EventRow;
import io.imprint.server.store.StoreException;
import io.imprint.server.store.UnitRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one event per attempt, in its own transaction so a refusal's rollback never loses it,
 * together with its audit entry (kind {@code event}, actor {@code device}, or the operator whose change
 * wrote it) in that same transaction,
 * and answers the reports the CLI and demo show.
 */
public final class EventLog {
    /** Outcome of a first issuance. */
    public static final String ISSUED = "issued";
    /** Outcome of a retry that re-sent the same identity and secrets. */
    public static final String REISSUED = "reissued";
    /** Outcome of an accepted receipt. */
    public static final String PROVISIONED = "provisioned";
    /** Outcome of a receipt for a unit already provisioned (a device repeating itself; nothing changes). */
    public static final String RECEIPT_REPEATED = "receipt-repeated";
    /** Actor of the events of provisioning attempts. */
    public static final String DEVICE = "device";
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private static final int MAX_DETAIL = 512;

    private final Database db;
    private final EventRepository events;
    private final UnitRepository units;
    private final AuditTrail audit;
    private final Clock clock;

    public EventLog(Database db, EventRepository events, UnitRepository units, AuditTrail audit, Clock clock) {
        this.db = db;
        this.events = events;
        this.units = units;
        this.audit = audit;
        this.clock = clock;
    }

    /** Writes the event of {@code attempt} with {@code outcome} (a fixed outcome or a problem slug). */
    public void record(String outcome, Attempt attempt, String detail) {
        try {
            db.transaction(c -> {
                record(c, outcome, attempt, detail);
                return null;
            });
        } catch (StoreException e) {
            LOG.error("event {} for chip {} could not be written", outcome, attempt.chipId(), e);
            throw e;
        }
    }

    /**
     * Writes the event and its audit entry inside the caller's transaction: a state change and its
     * record commit together or not at all (used for accepted attempts; refusals use their own
     * transaction so a rollback never loses them).
     */
    public void record(Connection c, String outcome, Attempt attempt, String detail) throws SQLException {
        record(c, DEVICE, outcome, attempt, detail);
    }

    /**
     * Writes an event caused by {@code actor} (an operator, {@code local:<user>} or {@code system};
     * {@link #DEVICE} for attempts) and its audit entry naming that actor, inside the caller's transaction.
     */
    public void record(Connection c, String actor, String outcome, Attempt attempt, String detail)
            throws SQLException {
        String d = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        EventRow row = new EventRow(UUID.randomUUID().toString(), clock.instant(), attempt.product(),
                attempt.orderId(), attempt.chipId(), attempt.serial(), outcome, attempt.evidenceSha256(), d,
                attempt.correlationId(), attempt.method());
        events.insert(c, row);
        audit.append(c, AuditTrail.EVENT, actor, auditPayload(row));
    }

    private static Map<String, String> auditPayload(EventRow row) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("id", row.id());
        p.put("occurredAt", row.time().toString());
        p.put("outcome", row.outcome());
        p.put("product", row.product());
        p.put("orderId", row.orderId());
        p.put("chipId", row.chipId());
        p.put("serial", row.serial());
        p.put("evidenceSha256", row.evidenceSha256());
        p.put("detail", row.detail());
        p.put("correlationId", row.correlationId());
        p.put("method", row.method());
        return p;
    }

    /** Event counts by outcome, optionally for one product and/or order id (null = all). */
    public Map<String, Long> countsByOutcome(String product, String orderId) {
        return db.autoCommit(c -> events.countByOutcome(c, product, orderId));
    }

    /** Unit counts by state ({@code issued}, {@code provisioned}), optionally filtered (null = all). */
    public Map<String, Long> unitsByState(String product, String orderId) {
        return db.autoCommit(c -> units.countByState(c, product, orderId));
    }

    /** The newest events, newest first, optionally for one product (null = all). */
    public List<EventRow> recent(String product, int limit) {
        return db.autoCommit(c -> events.recent(c, product, Math.max(1, Math.min(limit, 10_000))));
    }
}
