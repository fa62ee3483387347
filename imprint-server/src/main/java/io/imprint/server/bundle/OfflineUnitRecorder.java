package io.imprint.server.bundle;

import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.EventLog;
import io.imprint.server.orders.SerialRange;
import io.imprint.server.orders.SerialRange.Serial;
import io.imprint.server.store.BundleReceiptRow;
import io.imprint.server.store.BundleRepository;
import io.imprint.server.store.Database;
import io.imprint.server.store.OrderRepository;
import io.imprint.server.store.OrderRow;
import io.imprint.server.store.SqlWork;
import io.imprint.server.store.UniqueViolation;
import io.imprint.server.store.UnitRepository;
import io.imprint.server.store.UnitRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Records one verified offline receipt as a provisioned unit, in one transaction: the same unit
 * again is "already imported"; a chip or serial the database already holds (networked or offline)
 * is a clone; otherwise one unit of the order's quota is taken by the same conditional update the
 * networked path uses, or the receipt is refused as overproduction. A refusal changes nothing.
 * An accepted line replaces the pending verdict an earlier import left for it.
 */
final class OfflineUnitRecorder {
    /** What happened to the receipt. */
    enum Outcome { IMPORTED, ALREADY_IMPORTED }

    private final Database db;
    private final UnitRepository units;
    private final OrderRepository orders;
    private final BundleRepository bundles;
    private final Clock clock;

    OfflineUnitRecorder(Database db, UnitRepository units, OrderRepository orders, BundleRepository bundles,
            Clock clock) {
        this.db = db;
        this.units = units;
        this.orders = orders;
        this.bundles = bundles;
        this.clock = clock;
    }

    /**
     * Records the unit; {@code onImported} writes its event in the same transaction, so an offline unit
     * never exists without its record. Throws {@link ImprintException} with the refusal's code; nothing
     * is written then.
     */
    Outcome record(BundleReceipt r, BundleRecord bundle, String lineSha256, SqlWork<Void> onImported) {
        for (int attempt = 0; ; attempt++) {
            try {
                return db.transaction(c -> {
                    Outcome o = decide(c, r, bundle, lineSha256);
                    if (o == Outcome.IMPORTED) {
                        onImported.run(c);
                    }
                    return o;
                });
            } catch (UniqueViolation raced) {
                // A concurrent import or issuance inserted this chip or serial: decide again, seeing its row.
                if (attempt > 0) {
                    throw raced;
                }
            }
        }
    }

    private Outcome decide(Connection c, BundleReceipt r, BundleRecord bundle, String lineSha256) throws SQLException {
        String chip = r.chipIdHex();
        Optional<UnitRow> known = units.findByChip(c, chip);
        if (known.isPresent()) {
            UnitRow u = known.get();
            if (u.serial().equals(r.serial()) && u.product().equals(r.product())
                    && u.sessionId().equals(bundle.bundleId())) {
                return Outcome.ALREADY_IMPORTED;
            }
            throw new ImprintException(ProblemCode.CHIP_SERIAL_MISMATCH, "chip " + chip + " is already unit "
                    + u.serial() + " of " + u.product() + " (" + u.state() + "), now claims " + r.serial());
        }
        if (units.findBySerial(c, r.product(), r.serial()).isPresent()) {
            throw new ImprintException(ProblemCode.SERIAL_IN_USE,
                    "serial " + r.serial() + " is already held by another chip");
        }
        OrderRow order = orders.findById(c, bundle.orderId()).orElseThrow(() ->
                new ImprintException(ProblemCode.INTERNAL, "order of bundle " + bundle.bundleId() + " is missing"));
        SerialRange range = new SerialRange(order.serialPrefix(), order.serialDigits(), order.serialFirst(),
                order.serialLast());
        if (Serial.parse(r.serial()).filter(range::contains).isEmpty()) {
            throw new ImprintException(ProblemCode.SERIAL_NOT_AUTHORIZED,
                    "serial " + r.serial() + " lies outside order " + order.name() + " (" + range + ")");
        }
        if (OrderRow.SERIAL_SERVER.equals(order.serialMode())) {
            throw new ImprintException(ProblemCode.SERIAL_NOT_AUTHORIZED, "order " + order.name()
                    + " assigns serials on the server; an offline unit cannot take " + r.serial());
        }
        if (!orders.consumeOne(c, order.id())) {
            if (!OrderRow.OPEN.equals(order.state())) {
                throw new ImprintException(ProblemCode.ORDER_INACTIVE, "order " + order.name() + " is not open");
            }
            throw new ImprintException(ProblemCode.QUOTA_EXHAUSTED,
                    "order " + order.name() + " has used all " + order.quantity() + " units");
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        // Offline units have no escrow or certificate: the secrets came in the bundle. The session is the bundle id.
        units.insert(c, new UnitRow(chip, r.product(), r.serial(), order.id(), UnitRow.PROVISIONED, bundle.bundleId(),
                "", "", now, now));
        bundles.deletePendingReceipt(c, lineSha256); // refused earlier for a reason that no longer holds
        bundles.insertReceipt(c, new BundleReceiptRow(lineSha256, bundle.bundleId(), chip, r.serial(),
                EventLog.PROVISIONED, true, now));
        return Outcome.IMPORTED;
    }
}
