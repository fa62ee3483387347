package io.imprint.server.attest;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditContext;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.products.Products;
import io.imprint.server.store.Database;
import io.imprint.server.store.ReprovisionRepository;
import io.imprint.server.store.UnitRepository;
import io.imprint.server.store.UnitRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Authorizes one re-provisioning (RMA, factory reset) of an already provisioned chip. The authorization
 * is stored, single use, and recorded as an event naming the operator and the reason; the next
 * attestation of that chip consumes it (see {@link UnitIssuer}). Only a chip provisioned over the
 * network as a unit of the product can be authorized: any other could never use it ({@code not-found}
 * when it was never provisioned, {@code conflict} when it is issued but unconfirmed or was provisioned
 * offline), and nothing is stored then.
 */
public final class Reprovisioning {
    /** Event outcome of a new authorization. */
    public static final String AUTHORIZED = "reprovision-authorized";
    private static final Pattern CHIP = Pattern.compile("[0-9A-F]{2,64}");
    private static final Pattern TEXT = Pattern.compile("[\\x20-\\x7E]{1,128}");
    private final Database db;
    private final ReprovisionRepository repository;
    private final UnitRepository units;
    private final Products products;
    private final EventLog events;
    private final Clock clock;

    public Reprovisioning(Database db, ReprovisionRepository repository, UnitRepository units, Products products,
                          EventLog events, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.units = units;
        this.products = products;
        this.events = events;
        this.clock = clock;
    }

    /** Stores a single-use authorization for {@code chipHex} of {@code product}; returns its id. */
    public String authorize(String product, String chipHex, String reason, String by) {
        return authorize(product, chipHex, reason, by, AuditContext.SYSTEM);
    }

    /**
     * Stores the authorization ({@code by} = who authorized it); the row, its event (naming
     * {@code context}'s actor) and {@code context}'s own record commit in one transaction.
     */
    public String authorize(String product, String chipHex, String reason, String by, AuditContext context) {
        String name = products.get(product).name();
        String chip = chipHex == null ? "" : chipHex.strip().toUpperCase(Locale.ROOT);
        if (!CHIP.matcher(chip).matches() || chip.length() % 2 != 0) {
            throw bad("chip ID must be hex (an even count of 2-64 hex characters)");
        }
        if (reason == null || !TEXT.matcher(reason).matches() || by == null || !TEXT.matcher(by).matches()) {
            throw bad("reason and operator must be 1-128 printable ASCII characters");
        }
        String id = UUID.randomUUID().toString();
        db.transaction(c -> {
            requireProvisioned(c, name, chip);
            Optional<String> pending = repository.pending(c, name, chip);
            if (pending.isPresent()) {
                // One authorization allows one re-provisioning: a second one would silently allow two.
                throw new ImprintException(ProblemCode.CONFLICT, "chip " + chip + " already has a pending"
                        + " re-provisioning authorization (" + pending.get() + "); it is used by the chip's next"
                        + " provisioning");
            }
            repository.insert(c, id, name, chip, reason, by, Instant.ofEpochMilli(clock.millis()));
            events.record(c, context.actor(), AUTHORIZED, new Attempt().product(name).chipId(chip),
                    "re-provisioning authorized by " + by + ": " + reason + " (" + id + ")");
            context.committing(c);
            return null;
        });
        return id;
    }

    /** Refuses a chip that holds no network-provisioned unit of {@code product}: its authorization could never be used. */
    private void requireProvisioned(Connection c, String product, String chip) throws SQLException {
        Optional<UnitRow> unit = units.findByChip(c, chip);
        if (unit.isEmpty() || !unit.get().product().equals(product)) {
            throw new ImprintException(ProblemCode.NOT_FOUND, "chip " + chip + " was never provisioned as a unit of "
                    + product + "; only a provisioned chip can be re-provisioned");
        }
        UnitRow u = unit.get();
        if (!UnitRow.PROVISIONED.equals(u.state())) {
            throw new ImprintException(ProblemCode.CONFLICT, "chip " + chip + " was issued as " + u.serial()
                    + " but never confirmed (no receipt): it may simply retry, no authorization is needed");
        }
        if (u.escrow() == null || u.escrow().isEmpty()) {
            throw new ImprintException(ProblemCode.CONFLICT, "chip " + chip + " was provisioned offline as "
                    + u.serial() + "; re-provision it with a new bundle, not over the network");
        }
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }
}
