package io.imprint.server.attest;

import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.EventLog;
import io.imprint.server.issuance.CertificateChains;
import io.imprint.server.issuance.DeviceCertificates;
import io.imprint.server.issuance.Escrow;
import io.imprint.server.issuance.ProductCa;
import io.imprint.server.issuance.VerifiedCsr;
import io.imprint.server.orders.Reconciliations;
import io.imprint.server.store.ReprovisionRepository;
import io.imprint.server.store.UnitRepository;
import io.imprint.server.store.UnitRow;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Decides, inside the issuing transaction, what a chip that already has a unit gets: its escrowed
 * identity again (same serial and secrets) while the unit is {@code issued}, once more after an
 * authorized re-provisioning, or a refusal.
 *
 * <p>Attempts of one chip are ordered by their challenge (a later expiry is a newer attempt): the
 * unit's session moves only forward, so an attempt the device gave up on that commits late never
 * takes the place of the newer one the device is completing; it still delivers the same identity and
 * its session is recorded, so the receipt of any session that delivered it is accepted. Once the unit
 * is provisioned, a late attempt whose challenge is older than the newest attempt the unit saw is
 * {@code superseded} (a device's abandoned attempt, not a clone; the request deadline bounds how late
 * it can be); a newer one is {@code chip-already-provisioned}.
 */
final class UnitRetries {
    private final UnitRepository units;
    private final ReprovisionRepository reprovisions;
    private final DeviceCertificates certificates;
    private final Escrow escrow;
    private final Clock clock;

    UnitRetries(UnitRepository units, ReprovisionRepository reprovisions, DeviceCertificates certificates,
                Escrow escrow, Clock clock) {
        this.units = units;
        this.reprovisions = reprovisions;
        this.certificates = certificates;
        this.escrow = escrow;
        this.clock = clock;
    }

    /** The attempt in session {@code session}, whose challenge expires at {@code expiresAt}, of a chip with a unit. */
    IssuedUnit retry(Connection c, UnitRow unit, String product, String serial, String session, SessionSigner signer,
                     Instant expiresAt,
                     VerifiedCsr csr, ProductCa ca) throws SQLException {
        if (!unit.product().equals(product)) {
            throw new UnitRefusal(ProblemCode.CHIP_SERIAL_MISMATCH,
                    "this chip was issued as a unit of another product", unit.orderId());
        }
        boolean provisioned = UnitRow.PROVISIONED.equals(unit.state());
        if (provisioned && olderThanCurrent(unit, expiresAt)) {
            throw superseded(unit);
        }
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
        SecretItems secrets = open(unit);
        try {
            String chain = unit.certificateChain();
            if (provisioned || !sameKey(CertificateChains.first(chain), csr.publicKey())) {
                chain = UnitIssuer.chain(certificates, ca, csr, unit.serial(), unit.chipId());
            }
            Instant now = Instant.ofEpochMilli(clock.millis());
            String outcome = provisioned ? reprovision(c, unit, authorization.get(), session, expiresAt, chain)
                    : reissue(c, unit, session, expiresAt, chain);
            units.recordSession(c, session, unit.chipId(), chain, now, signer.method(), signer.receiptKey());
            return new IssuedUnit(outcome, unit.orderId(), unit.serial(), secrets, CertificateChains.split(chain));
        } catch (SQLException | RuntimeException e) {
            secrets.destroy();
            throw e;
        } catch (GeneralSecurityException e) {
            secrets.destroy();
            throw new IllegalStateException("the stored certificate of a unit cannot be read", e);
        }
    }

    private String reprovision(Connection c, UnitRow unit, String authorization, String session, Instant expiresAt,
                               String chain) throws SQLException {
        if (!reprovisions.consume(c, authorization, session, Instant.ofEpochMilli(clock.millis()))
                || !units.reprovision(c, unit.chipId(), session, chain, expiresAt)) {
            throw new UnitRefusal(ProblemCode.CHIP_ALREADY_PROVISIONED,
                    "the re-provisioning authorization of this chip was used concurrently", unit.orderId());
        }
        return Reconciliations.REPROVISIONED;
    }

    private String reissue(Connection c, UnitRow unit, String session, Instant expiresAt, String chain)
            throws SQLException {
        if (units.reissue(c, unit.chipId(), session, chain, expiresAt)) {
            return EventLog.REISSUED;
        }
        UnitRow current = units.findByChip(c, unit.chipId()).orElseThrow(() ->
                new IllegalStateException("unit of chip " + unit.chipId() + " vanished"));
        if (UnitRow.PROVISIONED.equals(current.state())) {
            if (olderThanCurrent(current, expiresAt)) {
                throw superseded(current);
            }
            throw new UnitRefusal(ProblemCode.CHIP_ALREADY_PROVISIONED,
                    "this chip was provisioned as " + unit.serial() + " while this attempt ran", unit.orderId());
        }
        // A newer attempt of this chip holds the unit: this one delivers the same identity and leaves it alone.
        return EventLog.REISSUED;
    }

    private static boolean olderThanCurrent(UnitRow unit, Instant expiresAt) {
        return unit.sessionExpiresAt() != null && expiresAt.isBefore(unit.sessionExpiresAt());
    }

    private static UnitRefusal superseded(UnitRow unit) {
        return new UnitRefusal(ProblemCode.SUPERSEDED, "a newer attempt of this chip completed first (this "
                + "attempt's challenge is older); the chip is provisioned as " + unit.serial(), unit.orderId());
    }

    private SecretItems open(UnitRow unit) {
        try {
            return escrow.open(unit.product(), unit.chipId(), Base64.getDecoder().decode(unit.escrow()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the escrow of a unit cannot be read", e);
        }
    }

    private static boolean sameKey(X509Certificate current, ECPublicKey key) {
        return Arrays.equals(EcPoints.toXy((ECPublicKey) current.getPublicKey()), EcPoints.toXy(key));
    }
}
