package io.imprint.server.attest;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.issuance.CertificateChains;
import io.imprint.server.issuance.DeviceCertificates;
import io.imprint.server.issuance.Escrow;
import io.imprint.server.issuance.PemFiles;
import io.imprint.server.issuance.ProductCa;
import io.imprint.server.issuance.ProductCaStore;
import io.imprint.server.issuance.VerifiedCsr;
import io.imprint.server.orders.SerialRange.Serial;
import io.imprint.server.store.Database;
import io.imprint.server.store.OrderRepository;
import io.imprint.server.store.ReprovisionRepository;
import io.imprint.server.store.UniqueViolation;
import io.imprint.server.store.UnitRepository;
import io.imprint.server.store.UnitRow;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Decides, in one transaction, what a verified chip gets: a retry of its earlier issuance (same
 * serial, same secrets, quota untouched), an authorized re-provisioning of a provisioned chip (same
 * serial and secrets, new certificate, authorization consumed), a new unit (serial claimed in, or
 * assigned from, an active order, one unit of quota taken by a conditional update), or a refusal. The
 * database's constraints settle races between nodes; a lost race re-runs the decision once. Attempts of
 * one chip are ordered by their challenge ({@link UnitRetries}), and an attempt is never committed
 * after its challenge expired (the request deadline): a device's abandoned attempt cannot undo the one
 * it completed.
 */
public final class UnitIssuer {
    private final Database db;
    private final UnitRepository units;
    private final OrderRepository orders;
    private final OrderSelection selection;
    private final UnitRetries retries;
    private final ProductCaStore cas;
    private final DeviceCertificates certificates;
    private final Escrow escrow;
    private final EventLog events;
    private final Clock clock;

    public UnitIssuer(Database db, UnitRepository units, OrderRepository orders, ReprovisionRepository reprovisions,
                      ProductCaStore cas, DeviceCertificates certificates, Escrow escrow, EventLog events,
                      Clock clock) {
        this.db = db;
        this.events = events;
        this.units = units;
        this.orders = orders;
        this.selection = new OrderSelection(orders);
        this.retries = new UnitRetries(units, reprovisions, certificates, escrow, clock);
        this.cas = cas;
        this.certificates = certificates;
        this.escrow = escrow;
        this.clock = clock;
    }

    /** Name of the order a claimed serial falls in (for the decision hook), or null. */
    String orderNameFor(String product, String serial) {
        Optional<Serial> s = Serial.parse(serial);
        if (s.isEmpty()) {
            return null;
        }
        return db.autoCommit(c -> orders.orderCovering(c, product, s.get().prefix(), s.get().digits(),
                s.get().number())).map(o -> o.name()).orElse(null);
    }

    /**
     * Decides and records the unit of one verified attempt. The unit row, the order's quota and the
     * attempt's event (with its audit entry) commit in one transaction: no unit without its record.
     * Fresh secrets not handed out (a retry re-delivers the escrowed ones) are wiped.
     */
    IssuedUnit issue(VerifiedEvidence verified, VerifiedCsr csr, String sessionHex, Instant deadline,
                     Attempt attempt) throws GeneralSecurityException {
        Evidence ev = verified.evidence();
        String product = verified.product().name();
        SessionSigner signer = new SessionSigner(verified.method().slug(), verified.receiptKey().orElse(null));
        ProductCa ca = cas.get(product);
        // Fresh material is prepared outside the transaction so the write lock is held briefly; only a
        // server-assigned serial's certificate is made inside, once the serial is known.
        SecretItems fresh = verified.product().template().generate();
        String freshChain = ev.serial().isEmpty() ? null : chain(certificates, ca, csr, ev.serial(), ev.chipIdHex());
        String sealed = Base64.getEncoder().encodeToString(escrow.seal(product, ev.chipIdHex(), fresh));
        Fresh material = new Fresh(fresh, freshChain, sealed);
        IssuedUnit unit = null;
        try {
            for (int round = 0; ; round++) {
                try {
                    unit = db.transaction(c -> {
                        IssuedUnit decided = decide(c, product, ev, sessionHex, signer, deadline, csr, ca, material);
                        try {
                            attempt.orderId(decided.orderId()).serial(decided.serial());
                            events.record(c, decided.outcome(), attempt, null);
                            requireBefore(deadline);
                            return decided;
                        } catch (SQLException | RuntimeException e) {
                            if (decided.secrets() != fresh) {
                                decided.secrets().destroy();
                            }
                            throw e;
                        }
                    });
                    return unit;
                } catch (UniqueViolation raced) {
                    // Another node inserted this chip or serial meanwhile: decide again, now seeing its row.
                    if (round > 0) {
                        throw new ImprintException(ProblemCode.CONFLICT, "the unit's serial is already held by "
                                + "another unit (the order's serials were taken outside this server's sequence)");
                    }
                }
            }
        } finally {
            if (unit == null || unit.secrets() != fresh) {
                fresh.destroy();
            }
        }
    }

    private record Fresh(SecretItems secrets, String chain, String sealed) {
    }

    /**
     * The request deadline: an attempt that waited (for a lock, a slow store) past its challenge's
     * expiry is not committed; the device gave up on it long ago and starts over with a fresh challenge.
     */
    private void requireBefore(Instant deadline) {
        if (clock.instant().isAfter(deadline)) {
            throw new ImprintException(ProblemCode.UNAVAILABLE, "the store was too slow: this attempt outlived "
                    + "its challenge (expired " + deadline + "); start over with a fresh challenge");
        }
    }

    private IssuedUnit decide(Connection c, String product, Evidence ev, String session, SessionSigner signer,
                              Instant expiresAt, VerifiedCsr csr, ProductCa ca, Fresh fresh) throws SQLException {
        String chip = ev.chipIdHex();
        Optional<UnitRow> known = units.findByChip(c, chip);
        if (known.isPresent()) {
            return retries.retry(c, known.get(), product, ev.serial(), session, signer, expiresAt, csr, ca);
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        OrderSelection.Taken taken;
        if (ev.serial().isEmpty()) {
            taken = selection.assign(c, product, now);
        } else {
            Optional<UnitRow> holder = units.findBySerial(c, product, ev.serial());
            if (holder.isPresent()) {
                throw new UnitRefusal(ProblemCode.SERIAL_IN_USE,
                        "serial " + ev.serial() + " was already issued to another chip", holder.get().orderId());
            }
            taken = selection.claimed(c, product, ev.serial(), now);
        }
        String chainPem = fresh.chain() != null ? fresh.chain() : chain(certificates, ca, csr, taken.serial(), chip);
        units.insert(c, new UnitRow(chip, product, taken.serial(), taken.order().id(), UnitRow.ISSUED, session,
                fresh.sealed(), chainPem, now, null, expiresAt));
        units.recordSession(c, session, chip, chainPem, now, signer.method(), signer.receiptKey());
        return new IssuedUnit(EventLog.ISSUED, taken.order().id(), taken.serial(), fresh.secrets(),
                CertificateChains.split(chainPem));
    }

    /** The PEM chain (device certificate for {@code csr}'s key, then the product CA) of a unit. */
    static String chain(DeviceCertificates certificates, ProductCa ca, VerifiedCsr csr, String serial, String chip) {
        try {
            return PemFiles.pem(certificates.issue(ca, csr.publicKey(), serial, chip)) + ca.certificatePem();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the device certificate", e);
        }
    }
}
