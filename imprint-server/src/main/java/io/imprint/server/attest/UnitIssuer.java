package io.imprint.server.attest;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.crypto.EcPoints;
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
import io.imprint.server.orders.Reconciliations;
import io.imprint.server.orders.SerialRange.Serial;
import io.imprint.server.store.Database;
import io.imprint.server.store.OrderRepository;
import io.imprint.server.store.ReprovisionRepository;
import io.imprint.server.store.UniqueViolation;
import io.imprint.server.store.UnitRepository;
import io.imprint.server.store.UnitRow;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Decides, in one transaction, what a verified chip gets: a retry of its earlier issuance (same
 * serial, same secrets, quota untouched), an authorized re-provisioning of a provisioned chip (same
 * serial and secrets, new certificate, authorization consumed), a new unit (serial claimed in, or
 * assigned from, an active order, one unit of quota taken by a conditional update), or a refusal. The
 * database's constraints settle races between nodes; a lost race re-runs the decision once.
 */
public final class UnitIssuer {
    private final Database db;
    private final UnitRepository units;
    private final OrderRepository orders;
    private final OrderSelection selection;
    private final ReprovisionRepository reprovisions;
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
        this.reprovisions = reprovisions;
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
    IssuedUnit issue(VerifiedEvidence verified, VerifiedCsr csr, String sessionHex, Attempt attempt)
            throws GeneralSecurityException {
        Evidence ev = verified.evidence();
        String product = verified.product().name();
        ProductCa ca = cas.get(product);
        // Fresh material is prepared outside the transaction so the write lock is held briefly; only a
        // server-assigned serial's certificate is made inside, once the serial is known.
        SecretItems fresh = verified.product().template().generate();
        String freshChain = ev.serial().isEmpty() ? null : chain(ca, csr, ev.serial(), ev.chipIdHex());
        String sealed = Base64.getEncoder().encodeToString(escrow.seal(product, ev.chipIdHex(), fresh));
        Fresh material = new Fresh(fresh, freshChain, sealed);
        IssuedUnit unit = null;
        try {
            for (int round = 0; ; round++) {
                try {
                    unit = db.transaction(c -> {
                        IssuedUnit decided = decide(c, product, ev, sessionHex, csr, ca, material);
                        attempt.orderId(decided.orderId()).serial(decided.serial());
                        events.record(c, decided.outcome(), attempt, null);
                        return decided;
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

    private IssuedUnit decide(Connection c, String product, Evidence ev, String session, VerifiedCsr csr,
                              ProductCa ca, Fresh fresh) throws SQLException {
        String chip = ev.chipIdHex();
        Optional<UnitRow> known = units.findByChip(c, chip);
        if (known.isPresent()) {
            return retry(c, known.get(), product, ev.serial(), session, csr, ca);
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
        String chainPem = fresh.chain() != null ? fresh.chain() : chain(ca, csr, taken.serial(), chip);
        units.insert(c, new UnitRow(chip, product, taken.serial(), taken.order().id(), UnitRow.ISSUED, session,
                fresh.sealed(), chainPem, now, null));
        return new IssuedUnit(EventLog.ISSUED, taken.order().id(), taken.serial(), fresh.secrets(),
                CertificateChains.split(chainPem));
    }

    private IssuedUnit retry(Connection c, UnitRow unit, String product, String serial, String session,
                             VerifiedCsr csr, ProductCa ca) throws SQLException {
        if (!unit.product().equals(product)) {
            throw new UnitRefusal(ProblemCode.CHIP_SERIAL_MISMATCH,
                    "this chip was issued as a unit of another product", unit.orderId());
        }
        boolean provisioned = UnitRow.PROVISIONED.equals(unit.state());
        Optional<String> authorization = provisioned ? reprovisions.pending(c, product, unit.chipId()) : Optional.empty();
        if (provisioned && authorization.isEmpty()) {
            throw new UnitRefusal(ProblemCode.CHIP_ALREADY_PROVISIONED,
                    "this chip is already provisioned as " + unit.serial()
                            + " (re-provisioning needs 'imprint unit authorize-reprovision')", unit.orderId());
        }
        if (!serial.isEmpty() && !unit.serial().equals(serial)) {
            throw new UnitRefusal(ProblemCode.CHIP_SERIAL_MISMATCH,
                    "this chip already holds serial " + unit.serial() + ", not " + serial, unit.orderId());
        }
        if (unit.escrow() == null || unit.escrow().isEmpty()) {
            // Provisioned offline from a bundle: the server never held its secrets, so it cannot re-deliver them.
            throw new UnitRefusal(ProblemCode.CHIP_ALREADY_PROVISIONED, "this chip was provisioned offline as "
                    + unit.serial() + "; re-provision it with a new bundle, not over the network", unit.orderId());
        }
        try {
            SecretItems secrets = escrow.open(product, unit.chipId(), Base64.getDecoder().decode(unit.escrow()));
            X509Certificate current = CertificateChains.first(unit.certificateChain());
            String chain = unit.certificateChain();
            if (provisioned || !sameKey((ECPublicKey) current.getPublicKey(), csr.publicKey())) {
                chain = chain(ca, csr, unit.serial(), unit.chipId());
            }
            if (provisioned) {
                if (!reprovisions.consume(c, authorization.get(), session, Instant.ofEpochMilli(clock.millis()))
                        || !units.reprovision(c, unit.chipId(), session, chain)) {
                    throw new UnitRefusal(ProblemCode.CHIP_ALREADY_PROVISIONED,
                            "the re-provisioning authorization of this chip was used concurrently", unit.orderId());
                }
                return new IssuedUnit(Reconciliations.REPROVISIONED, unit.orderId(), unit.serial(), secrets,
                        CertificateChains.split(chain));
            }
            if (!units.reissue(c, unit.chipId(), session, chain)) {
                // A concurrent receipt confirmed the unit since it was read: it is provisioned now.
                throw new UnitRefusal(ProblemCode.CHIP_ALREADY_PROVISIONED,
                        "this chip was provisioned as " + unit.serial() + " while this attempt ran", unit.orderId());
            }
            return new IssuedUnit(EventLog.REISSUED, unit.orderId(), unit.serial(), secrets,
                    CertificateChains.split(chain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("escrow or stored certificate of a unit cannot be read", e);
        }
    }

    private String chain(ProductCa ca, VerifiedCsr csr, String serial, String chip) {
        try {
            return PemFiles.pem(certificates.issue(ca, csr.publicKey(), serial, chip)) + ca.certificatePem();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the device certificate", e);
        }
    }

    private static boolean sameKey(ECPublicKey a, ECPublicKey b) {
        return Arrays.equals(EcPoints.toXy(a), EcPoints.toXy(b));
    }
}
