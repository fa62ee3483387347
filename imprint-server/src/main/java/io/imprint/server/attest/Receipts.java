package io.imprint.server.attest;

import io.imprint.protocol.codec.Receipt;
import io.imprint.protocol.codec.ReceiptCodec;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.message.ReceiptResponse;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.method.AttestationVerifiers;
import io.imprint.server.attest.method.ReceiptInput;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.issuance.CertificateChains;
import io.imprint.server.issuance.Escrow;
import io.imprint.server.products.Product;
import io.imprint.server.products.Products;
import io.imprint.server.store.Database;
import io.imprint.server.store.StoreUnavailable;
import io.imprint.server.store.UnitRepository;
import io.imprint.server.store.UnitRow;
import io.imprint.server.store.UnitSession;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Accepts a device's signed receipt: the unit of the session, a valid signature by the key of the
 * session's attestation method (MP key, SE or TPM key), the same chip and
 * serial, and a stored-digest equal to what was issued; only then is the unit {@code provisioned}.
 * Any session that delivered the unit's escrowed identity since its last (re-)provisioning counts, so
 * a device whose earlier, abandoned attempt committed late is still confirmed; the session confirmed
 * becomes the unit's. A repeated receipt for a provisioned unit is answered again (idempotent). A store
 * that is briefly unavailable is answered {@code unavailable} (503, send the same receipt again) and
 * leaves an event when it can.
 */
public final class Receipts {
    private final Database db;
    private final UnitRepository units;
    private final Products products;
    private final Escrow escrow;
    private final EventLog events;
    private final Clock clock;
    private final AttestationVerifiers verifiers;

    public Receipts(Database db, UnitRepository units, Products products, AttestationVerifiers verifiers,
                    Escrow escrow, EventLog events, Clock clock) {
        this.verifiers = verifiers;
        this.db = db;
        this.units = units;
        this.products = products;
        this.escrow = escrow;
        this.events = events;
        this.clock = clock;
    }

    /** Confirms the receipt; its event (accepted or refused) is written from {@code attempt}. */
    public ReceiptResponse confirm(ReceiptRequest request, Attempt attempt) {
        try {
            byte[] signed = Base64Field.decode("receipt", request.receipt(), ReceiptCodec.MAX_BYTES);
            attempt.evidenceSha256(Attestations.sha256Hex(signed));
            Receipt receipt = ReceiptCodec.decode(signed);
            attempt.chipId(receipt.chipIdHex()).serial(receipt.serial());
            String session = HexFormat.of().formatHex(receipt.sessionId());
            // Offline units (recorded by a bundle receipt import) carry the bundle id as session and no
            // escrow: they are never confirmed through the networked receipt path.
            UnitSession delivered = db.autoCommit(c -> units.findSession(c, session)).orElseThrow(() ->
                    new ImprintException(ProblemCode.SESSION_NOT_ISSUED, "no unit was issued in this session"));
            UnitRow unit = db.autoCommit(c -> units.findByChip(c, delivered.chipId()))
                    .filter(u -> u.escrow() != null && !u.escrow().isEmpty()).orElseThrow(() ->
                    new ImprintException(ProblemCode.SESSION_NOT_ISSUED, "no unit was issued in this session"));
            attempt.product(unit.product()).orderId(unit.orderId()).method(delivered.method());
            Product product = products.get(unit.product());
            // The receipt is signed by the key that signed the session's evidence: the method's.
            verifiers.get(AttestationMethod.fromSlug(delivered.method())).verifyReceipt(new ReceiptInput(product,
                    signed, request.mpmr(), request.signature(), delivered.receiptKey()));
            if (!unit.chipId().equals(receipt.chipIdHex()) || !unit.serial().equals(receipt.serial())) {
                throw new ImprintException(ProblemCode.RECEIPT_MISMATCH,
                        "the receipt names another chip or serial than the unit issued in this session");
            }
            if (!MessageDigest.isEqual(expectedDigest(unit, delivered), receipt.storedDigest())) {
                throw new ImprintException(ProblemCode.RECEIPT_MISMATCH,
                        "the unit did not store exactly what was issued");
            }
            // The unit's new state and its event (with audit entry) commit together.
            boolean marked = !UnitRow.PROVISIONED.equals(unit.state()) && db.transaction(c -> {
                boolean m = units.markProvisioned(c, delivered, clock.instant());
                if (m) {
                    events.record(c, EventLog.PROVISIONED, attempt, null);
                }
                return m;
            });
            if (!marked) {
                if (!provisionedNow(unit.chipId(), session)) {
                    throw new ImprintException(ProblemCode.SESSION_NOT_ISSUED,
                            "the unit was confirmed in another session or re-provisioned since this one");
                }
                events.record(EventLog.RECEIPT_REPEATED, attempt, null);
            }
            return new ReceiptResponse(Base64Field.encode(receipt.sessionId()), unit.serial(), UnitRow.PROVISIONED);
        } catch (ImprintException e) {
            events.record(e.code().slug(), attempt, e.detail());
            throw e;
        } catch (StoreUnavailable e) {
            throw Unavailability.recorded(events, attempt, e);
        }
    }

    /** Records a request refused before it could be read (bad JSON, size, media type). */
    public void refusedUnread(ImprintException e, Attempt attempt) {
        events.record(e.code().slug(), attempt, e.detail());
    }

    private boolean provisionedNow(String chipId, String session) {
        return db.autoCommit(c -> units.findByChip(c, chipId))
                .filter(u -> UnitRow.PROVISIONED.equals(u.state()) && session.equals(u.sessionId())).isPresent();
    }

    /** What the device stores from the delivery of {@code session}: the escrowed secrets and that session's chain. */
    private byte[] expectedDigest(UnitRow unit, UnitSession session) {
        try {
            SecretItems secrets = escrow.open(unit.product(), unit.chipId(), Base64.getDecoder().decode(unit.escrow()));
            try {
                return StoredDigest.of(secrets,
                        CertificateChains.der(CertificateChains.split(session.certificateChain())));
            } finally {
                secrets.destroy();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("escrow or stored certificate of a unit cannot be read", e);
        }
    }
}
