package io.imprint.server.policy;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.server.attest.VerifiedEvidence;
import io.imprint.server.audit.AuditContext;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.store.Database;
import io.imprint.server.store.PolicyRepository;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Stores product policies and enforces them on verified claims. Policies are read from the database on
 * every attempt, so a change takes effect at once on every node; a product without a stored policy
 * allows nothing.
 */
public final class Policies implements AutoCloseable {
    /** Event outcome of a policy change. */
    public static final String POLICY_CHANGED = "policy-changed";
    private final Database db;
    private final PolicyRepository repository;
    private final EventLog events;
    private final Clock clock;
    private final Map<HookSettings, DecisionHook> hooks = new ConcurrentHashMap<>();

    public Policies(Database db, PolicyRepository repository, EventLog events, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /** The product's policy, {@link ProductPolicy#DENY_ALL} when none was set. */
    public ProductPolicy get(String product) {
        return db.autoCommit(c -> repository.find(c, product)).map(ProductPolicy::fromRow).orElse(ProductPolicy.DENY_ALL);
    }

    /** Replaces the product's policy and records a {@code policy-changed} event (the product must exist). */
    public ProductPolicy set(String product, ProductPolicy policy) {
        return set(product, policy, AuditContext.SYSTEM);
    }

    /**
     * Replaces the product's policy; the change, its {@code policy-changed} event (naming
     * {@code context}'s actor) and {@code context}'s own record commit in one transaction.
     */
    public ProductPolicy set(String product, ProductPolicy policy, AuditContext context) {
        db.transaction(c -> {
            repository.put(c, policy.toRow(product, java.time.Instant.ofEpochMilli(clock.millis())));
            events.record(c, context.actor(), POLICY_CHANGED, new Attempt().product(product), policy.describe());
            context.committing(c);
            return null;
        });
        return policy;
    }

    /**
     * Enforces the product's policy on claims whose signature has verified: the static rules, then
     * the decision hook if one is configured. Throws POLICY_VIOLATION naming the rule.
     *
     * @param order supplies the order name for the hook (only called when a hook is configured)
     */
    public void enforce(VerifiedEvidence verified, Supplier<String> order) {
        String product = verified.product().name();
        Evidence evidence = verified.evidence();
        Mpmr mpmr = verified.mpmr().orElse(null);
        ProductPolicy policy = get(product);
        policy.check(product, evidence.metadata(), mpmr);
        if (policy.hook() != null) {
            DecisionHook hook = hooks.computeIfAbsent(policy.hook(), HttpsDecisionHook::new);
            hook.allow(new HookClaims(product, evidence.chipIdHex(), evidence.serial(),
                    evidence.metadata().softwareVersion(), evidence.metadata().lifecycle(),
                    evidence.metadata().extra(), order.get(), mpmr == null ? "" : mpmr.hex(),
                    verified.method().slug()));
        }
    }

    @Override
    public void close() {
        hooks.values().forEach(DecisionHook::close);
        hooks.clear();
    }
}
