package io.imprint.server.bundle;

import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.store.BundleReceiptRow;
import io.imprint.server.store.BundleRepository;
import io.imprint.server.store.Database;
import io.imprint.server.store.UniqueViolation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Remembers the refusal of a receipts-file line and writes its event only when the verdict is new.
 * A settled refusal (it can never turn into an acceptance) is kept for good: later imports report the
 * line as already imported. A pending refusal (order inactive, quota exhausted, unknown bundle) is
 * kept with its reason so the line is evaluated again on every import, but its event (and audit
 * entry) is written only when the reason differs from the one the previous import gave; the row and
 * the event commit together, so two concurrent imports of the same line write one event.
 */
final class ReceiptVerdicts {
    private final Database db;
    private final BundleRepository bundles;
    private final EventLog events;
    private final Clock clock;

    ReceiptVerdicts(Database db, BundleRepository bundles, EventLog events, Clock clock) {
        this.db = db;
        this.bundles = bundles;
        this.events = events;
        this.clock = clock;
    }

    /** The verdict remembered for a line from an earlier import, if any. */
    Optional<BundleReceiptRow> previous(String lineSha) {
        return db.autoCommit(c -> bundles.findReceipt(c, lineSha));
    }

    /**
     * Records a refusal of the line; {@code previous} is what an earlier import remembered (pending,
     * or none). Returns the problem slug.
     */
    String refuse(ProblemCode code, boolean settles, String detail, Optional<BundleReceipt> r, BundleRecord bundle,
            String lineSha, Optional<BundleReceiptRow> previous) {
        String slug = code.slug();
        boolean sameReason = previous.map(p -> p.outcome().equals(slug)).orElse(false);
        if (sameReason && !settles) {
            return slug; // still refused for the reason already recorded: nothing new to write
        }
        BundleReceiptRow row = new BundleReceiptRow(lineSha, bundle == null ? null : bundle.bundleId(),
                r.map(BundleReceipt::chipIdHex).orElse(null), r.map(BundleReceipt::serial).orElse(null), slug,
                settles, clock.instant());
        try {
            db.transaction(c -> {
                boolean written = previous.isEmpty() ? insert(c, row)
                        : bundles.replacePendingReceipt(c, previous.get().outcome(), row);
                if (written && !sameReason) {
                    events.record(c, slug, attempt(r, bundle, lineSha), detail);
                }
                return null;
            });
        } catch (UniqueViolation concurrent) {
            // another import recorded this very line meanwhile; its event stands
        }
        return slug;
    }

    private boolean insert(Connection c, BundleReceiptRow row) throws SQLException {
        bundles.insertReceipt(c, row);
        return true;
    }

    /** The event's attempt: the receipt's product, chip and serial, the bundle's order, the line's hash. */
    static Attempt attempt(Optional<BundleReceipt> r, BundleRecord bundle, String lineSha) {
        Attempt a = new Attempt().evidenceSha256(lineSha);
        r.ifPresent(x -> a.product(x.product()).chipId(x.chipIdHex()).serial(x.serial()));
        if (bundle != null) {
            a.product(bundle.product()).orderId(bundle.orderId());
        }
        return a;
    }
}
