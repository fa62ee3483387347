package io.imprint.server.attest;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.problem.ProblemCode;
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
import io.imprint.server.store.OrderRow;
import io.imprint.server.store.UniqueViolation;
import io.imprint.server.store.UnitRepository;
import io.imprint.server.store.UnitRow;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Decides, in one transaction, what a verified chip gets: a retry of its earlier issuance (same
 * serial, same secrets, quota untouched), a new unit (serial in an open order, one unit of quota
 * taken by a conditional update), or a clone / overproduction refusal. The database's constraints
 * settle races between nodes; a lost race re-runs the decision once.
 */
public final class UnitIssuer {
    private final Database db;
    private final UnitRepository units;
    private final OrderRepository orders;
    private final ProductCaStore cas;
    private final DeviceCertificates certificates;
    private final Escrow escrow;
    private final Clock clock;

    public UnitIssuer(Database db, UnitRepository units, OrderRepository orders, ProductCaStore cas,
               DeviceCertificates certificates, Escrow escrow, Clock clock) {
        this.db = db;
        this.units = units;
        this.orders = orders;
        this.cas = cas;
        this.certificates = certificates;
        this.escrow = escrow;
        this.clock = clock;
    }

    IssuedUnit issue(VerifiedEvidence verified, VerifiedCsr csr, String sessionHex) throws GeneralSecurityException {
        Evidence ev = verified.evidence();
        String product = verified.product().name();
        String chip = ev.chipIdHex();
        ProductCa ca = cas.get(product);
        // Fresh material is prepared outside the transaction so the write lock is held briefly.
        SecretItems fresh = verified.product().template().generate();
        String freshChain = PemFiles.pem(certificates.issue(ca, csr.publicKey(), ev.serial(), chip))
                + ca.certificatePem();
        String sealed = Base64.getEncoder().encodeToString(escrow.seal(product, chip, fresh));
        for (int attempt = 0; ; attempt++) {
            try {
                return db.transaction(c -> decide(c, product, chip, ev.serial(), sessionHex, csr, ca, fresh,
                        freshChain, sealed));
            } catch (UniqueViolation raced) {
                // Another node inserted this chip or serial meanwhile: decide again, now seeing its row.
                if (attempt > 0) {
                    throw raced;
                }
            }
        }
    }

    private IssuedUnit decide(Connection c, String product, String chip, String serial, String session,
                              VerifiedCsr csr, ProductCa ca, SecretItems fresh, String freshChain, String sealed)
            throws SQLException {
        Optional<UnitRow> known = units.findByChip(c, chip);
        if (known.isPresent()) {
            return retry(c, known.get(), product, serial, session, csr, ca);
        }
        Optional<UnitRow> holder = units.findBySerial(c, product, serial);
        if (holder.isPresent()) {
            throw new UnitRefusal(ProblemCode.SERIAL_IN_USE,
                    "serial " + serial + " was already issued to another chip", holder.get().orderId());
        }
        Serial parsed = Serial.parse(serial).orElseThrow(() -> new UnitRefusal(ProblemCode.SERIAL_NOT_AUTHORIZED,
                "serial " + serial + " does not end in digits, so no order covers it", null));
        OrderRow order = orders.openOrderFor(c, product, parsed.prefix(), parsed.digits(), parsed.number())
                .orElseThrow(() -> new UnitRefusal(ProblemCode.SERIAL_NOT_AUTHORIZED,
                        "serial " + serial + " lies outside every open order of " + product, null));
        if (!orders.consumeOne(c, order.id())) {
            throw new UnitRefusal(ProblemCode.QUOTA_EXHAUSTED,
                    "order " + order.name() + " has issued all " + order.quantity() + " units", order.id());
        }
        units.insert(c, new UnitRow(chip, product, serial, order.id(), UnitRow.ISSUED, session, sealed, freshChain,
                java.time.Instant.ofEpochMilli(clock.millis()), null));
        return new IssuedUnit(EventLog.ISSUED, order.id(), fresh, CertificateChains.split(freshChain));
    }

    private IssuedUnit retry(Connection c, UnitRow unit, String product, String serial, String session,
                             VerifiedCsr csr, ProductCa ca) throws SQLException {
        if (!unit.product().equals(product)) {
            throw new UnitRefusal(ProblemCode.CHIP_SERIAL_MISMATCH,
                    "this chip was issued as a unit of another product", unit.orderId());
        }
        if (UnitRow.PROVISIONED.equals(unit.state())) {
            throw new UnitRefusal(ProblemCode.CHIP_ALREADY_PROVISIONED,
                    "this chip is already provisioned as " + unit.serial(), unit.orderId());
        }
        if (!unit.serial().equals(serial)) {
            throw new UnitRefusal(ProblemCode.CHIP_SERIAL_MISMATCH,
                    "this chip already holds serial " + unit.serial() + ", not " + serial, unit.orderId());
        }
        try {
            SecretItems secrets = escrow.open(product, unit.chipId(), Base64.getDecoder().decode(unit.escrow()));
            X509Certificate current = CertificateChains.first(unit.certificateChain());
            String chain = unit.certificateChain();
            if (!sameKey((ECPublicKey) current.getPublicKey(), csr.publicKey())) {
                chain = PemFiles.pem(certificates.issue(ca, csr.publicKey(), serial, unit.chipId()))
                        + ca.certificatePem();
            }
            units.reissue(c, unit.chipId(), session, chain);
            return new IssuedUnit(EventLog.REISSUED, unit.orderId(), secrets, CertificateChains.split(chain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("escrow or stored certificate of a unit cannot be read", e);
        }
    }

    private static boolean sameKey(ECPublicKey a, ECPublicKey b) {
        return Arrays.equals(EcPoints.toXy(a), EcPoints.toXy(b));
    }
}
