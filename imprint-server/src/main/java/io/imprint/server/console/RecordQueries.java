package io.imprint.server.console;

import io.imprint.server.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Read-only queries behind the Units, Offline and Audit pages. Never selects a secret: no escrow, no
 * session id, no key. A non-null {@code cm} keeps only rows of that contract manufacturer's orders.
 */
final class RecordQueries {
    /** A unit: {@code offline} when it came from a bundle (no escrow on the server). */
    record Unit(String chip, String product, String serial, String order, String cm, String state, Instant created,
                Instant confirmed, int issuance, boolean offline) {
    }

    /** One re-provisioning authorization of a chip. */
    record Reprovision(String id, String reason, String by, Instant created, Instant consumed) {
    }

    /** An offline bundle of an order. */
    record Bundle(String id, String product, String lot, String order, String cm, Instant created, Instant expires,
                  int units) {
    }

    /** Receipt lines imported: per bundle (null = unknown bundle) and outcome. */
    record Verdict(String bundle, String outcome, boolean settled, long lines, Instant last) {
    }

    /** The audit chain's head and its newest checkpoint (seq 0 / null when none). */
    record AuditHead(long seq, String hash, long checkpoints, Long checkpointSeq, Instant checkpointSignedAt) {
    }

    /** One audit entry. */
    record Entry(long seq, Instant recorded, String kind, String actor, String payload, String prevHash, String hash) {
    }

    private static final String UNIT = "SELECT u.chip_id, u.product, u.serial, o.name AS order_name,"
            + " o.contract_manufacturer, u.state, u.created_at, u.confirmed_at, u.issuance,"
            + " CASE WHEN u.escrow = '' THEN 1 ELSE 0 END AS offline FROM units u JOIN orders o ON o.id = u.order_id";
    private final Database db;

    RecordQueries(Database db) {
        this.db = db;
    }

    /** Units whose serial or chip ID is {@code query} (chip IDs compared in upper case). */
    List<Unit> units(String query, String cm) {
        return db.autoCommit(c -> Rows.query(c, UNIT + " WHERE (u.serial = ? OR u.chip_id = ?)"
                + ProductionQueries.cmFilter(cm) + " ORDER BY u.created_at LIMIT 50", RecordQueries::unit,
                cm == null ? new Object[] {query, query.toUpperCase(Locale.ROOT)}
                        : new Object[] {query, query.toUpperCase(Locale.ROOT), cm}));
    }

    Optional<Unit> unit(String chip, String cm) {
        return db.autoCommit(c -> Rows.query(c, UNIT + " WHERE u.chip_id = ?" + ProductionQueries.cmFilter(cm),
                RecordQueries::unit, ProductionQueries.params(chip, cm)).stream().findFirst());
    }

    /** Chips seen in events with this serial or chip ID (also refused chips that never became a unit). */
    List<String> chipsInEvents(String query, String cm) {
        return db.autoCommit(c -> Rows.query(c, "SELECT DISTINCT e.chip_id FROM events e LEFT JOIN orders o"
                + " ON o.id = e.order_id WHERE (e.serial = ? OR e.chip_id = ?) AND e.chip_id IS NOT NULL"
                + ProductionQueries.cmFilter(cm) + " ORDER BY e.chip_id LIMIT 50", rs -> rs.getString(1),
                cm == null ? new Object[] {query, query.toUpperCase(Locale.ROOT)}
                        : new Object[] {query, query.toUpperCase(Locale.ROOT), cm}));
    }

    /** Every event of a chip, oldest first (at most 500). */
    List<ConsoleEvent> history(String chip, String cm) {
        return db.autoCommit(c -> Rows.query(c, "SELECT " + ConsoleEvent.COLUMNS
                + " FROM events e LEFT JOIN orders o ON o.id = e.order_id WHERE e.chip_id = ?"
                + ProductionQueries.cmFilter(cm) + " ORDER BY e.occurred_at, e.id LIMIT 500", ConsoleEvent::of,
                ProductionQueries.params(chip, cm)));
    }

    List<Reprovision> reprovisions(String chip) {
        return db.autoCommit(c -> Rows.query(c, "SELECT id, reason, authorized_by, created_at, consumed_at FROM"
                + " reprovision_authorizations WHERE chip_id = ? ORDER BY created_at", rs -> new Reprovision(
                rs.getString("id"), rs.getString("reason"), rs.getString("authorized_by"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "consumed_at")), chip));
    }

    List<Bundle> bundles(String cm) {
        return db.autoCommit(c -> Rows.query(c, "SELECT b.bundle_id, b.product, b.lot, o.name AS order_name,"
                + " o.contract_manufacturer, b.created_at, b.expires_at, b.unit_count FROM bundles b JOIN orders o"
                + " ON o.id = b.order_id WHERE 1 = 1" + ProductionQueries.cmFilter(cm)
                + " ORDER BY b.created_at DESC LIMIT 200", rs -> new Bundle(rs.getString("bundle_id"),
                rs.getString("product"), rs.getString("lot"), rs.getString("order_name"),
                rs.getString("contract_manufacturer"), Rows.epochSecond(rs, "created_at"), Rows.epochSecond(rs, "expires_at"),
                rs.getInt("unit_count")), ProductionQueries.cmParams(cm)));
    }

    /** Receipt-import verdicts by bundle and outcome; lines of unknown bundles only without a CM filter. */
    List<Verdict> verdicts(String cm) {
        return db.autoCommit(c -> Rows.query(c, "SELECT r.bundle_id, r.outcome, r.settled, COUNT(*) AS n,"
                + " MAX(r.imported_at) AS last FROM bundle_receipts r LEFT JOIN bundles b ON b.bundle_id = r.bundle_id"
                + " LEFT JOIN orders o ON o.id = b.order_id WHERE 1 = 1" + ProductionQueries.cmFilter(cm)
                + " GROUP BY r.bundle_id, r.outcome, r.settled ORDER BY MAX(r.imported_at) DESC LIMIT 500",
                rs -> new Verdict(rs.getString("bundle_id"), rs.getString("outcome"), rs.getInt("settled") == 1,
                        rs.getLong("n"), Rows.instant(rs, "last")), ProductionQueries.cmParams(cm)));
    }

    AuditHead auditHead() {
        return db.autoCommit(c -> {
            List<Object[]> cp = Rows.query(c, "SELECT seq, signed_at FROM audit_checkpoints ORDER BY id DESC LIMIT 1",
                    rs -> new Object[] {rs.getLong("seq"), Rows.instant(rs, "signed_at")});
            return Rows.query(c, "SELECT seq, entry_hash, checkpoints FROM audit_head WHERE id = 1",
                    rs -> new AuditHead(rs.getLong("seq"), rs.getString("entry_hash"), rs.getLong("checkpoints"),
                            cp.isEmpty() ? null : (Long) cp.get(0)[0], cp.isEmpty() ? null : (Instant) cp.get(0)[1]))
                    .getFirst();
        });
    }

    Optional<Entry> entry(long seq) {
        return db.autoCommit(c -> Rows.query(c, "SELECT seq, recorded_at, kind, actor, payload, prev_hash, entry_hash"
                + " FROM audit_entries WHERE seq = ?", rs -> new Entry(rs.getLong("seq"), Rows.instant(rs, "recorded_at"),
                rs.getString("kind"), rs.getString("actor"), rs.getString("payload"), rs.getString("prev_hash"),
                rs.getString("entry_hash")), seq).stream().findFirst());
    }

    /** The seq of the audit entry that recorded event {@code eventId} (a UUID, checked by the caller). */
    Optional<Long> entryOfEvent(String eventId) {
        return db.autoCommit(c -> Rows.query(c, "SELECT seq FROM audit_entries WHERE kind = 'event' AND payload LIKE ?",
                rs -> rs.getLong(1), "%\"id\":\"" + eventId + "\"%").stream().findFirst());
    }

    private static Unit unit(ResultSet rs) throws SQLException {
        return new Unit(rs.getString("chip_id"), rs.getString("product"), rs.getString("serial"),
                rs.getString("order_name"), rs.getString("contract_manufacturer"), rs.getString("state"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "confirmed_at"), rs.getInt("issuance"),
                rs.getInt("offline") == 1);
    }
}
