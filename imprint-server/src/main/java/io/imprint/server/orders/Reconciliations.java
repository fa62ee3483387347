package io.imprint.server.orders;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditKey;
import io.imprint.server.store.Database;
import io.imprint.server.store.OrderRow;
import io.imprint.server.store.ReconciliationRepository;
import io.imprint.server.store.ReconciliationRepository.Stored;
import io.imprint.server.store.ReconciliationRepository.Unattributed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an order's reconciliation from the units and events of the store, signs its canonical JSON
 * (keys sorted, no whitespace, UTF-8) with the audit key and keeps both; verifies them on request.
 * Refusals recorded before an order was known carry no order id: those whose claimed serial lies in the
 * order's range are counted separately ({@code refusalsInRange}); others cannot be attributed.
 */
public final class Reconciliations {
    /** Outcome of an authorized re-provisioning (also the event's outcome). */
    public static final String REPROVISIONED = "reprovisioned";
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private final Database db;
    private final ReconciliationRepository repository;
    private final AuditKey key;

    public Reconciliations(Database db, ReconciliationRepository repository, AuditKey key) {
        this.db = db;
        this.repository = repository;
        this.key = key;
    }

    /** Computes, signs and stores the reconciliation of {@code order} inside the caller's transaction. */
    Reconciliation reconcile(Connection c, OrderRow order, Instant at) throws SQLException {
        Map<String, Long> units = repository.units(c, order.id());
        Map<String, Long> outcomes = repository.outcomes(c, order.id());
        Map<String, Long> refusals = new TreeMap<>();
        outcomes.forEach((outcome, n) -> {
            if (isRefusal(outcome)) {
                refusals.put(outcome, n);
            }
        });
        SerialRange range = Orders.toOrder(order).serials();
        Map<String, Long> inRange = new TreeMap<>();
        for (Unattributed u : repository.unattributed(c, order.product())) {
            if (isRefusal(u.outcome()) && SerialRange.Serial.parse(u.serial()).filter(range::contains).isPresent()) {
                inRange.merge(u.outcome(), 1L, Long::sum);
            }
        }
        long provisioned = units.getOrDefault("provisioned", 0L);
        long issued = units.getOrDefault("issued", 0L);
        Reconciliation r = new Reconciliation(order.name(), order.id(), order.product(), order.contractManufacturer(),
                range.toString(), order.serialMode(), order.quantity(), order.used(), provisioned + issued, provisioned,
                issued, outcomes.getOrDefault(REPROVISIONED, 0L), refusals, inRange, at.toString());
        String canonical = canonical(r);
        try {
            byte[] signature = key.sign(canonical.getBytes(StandardCharsets.UTF_8));
            repository.insert(c, new Stored(order.id(), canonical, Base64.getEncoder().encodeToString(signature), at));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the reconciliation", e);
        }
        return r;
    }

    /** The stored reconciliation of an order, verified with the audit key's public key. */
    VerifiedReconciliation verified(String orderId) {
        Stored s = db.autoCommit(c -> repository.find(c, orderId)).orElseThrow(() ->
                new ImprintException(ProblemCode.NOT_FOUND, "the order has no reconciliation (it is not closed)"));
        return verify(key.publicKey(), s.canonical(), s.signature());
    }

    /** Verifies a reconciliation's signature (and that its text is canonical); throws when it does not verify. */
    public static VerifiedReconciliation verify(PublicKey auditKey, String canonicalJson, String signatureBase64) {
        try {
            AuditKey.verify(auditKey, canonicalJson.getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(signatureBase64));
            Reconciliation r = CANONICAL.readValue(canonicalJson, Reconciliation.class);
            if (!canonical(r).equals(canonicalJson)) {
                throw new GeneralSecurityException("reconciliation text is not canonical");
            }
            return new VerifiedReconciliation(r, canonicalJson, signatureBase64);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.CONFLICT,
                    "reconciliation signature does not verify with the audit key: " + e.getMessage());
        }
    }

    static String canonical(Reconciliation r) {
        try {
            return CANONICAL.writeValueAsString(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRefusal(String outcome) {
        return ProblemCode.fromSlug(outcome) != ProblemCode.INTERNAL || ProblemCode.INTERNAL.slug().equals(outcome);
    }
}
