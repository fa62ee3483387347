package io.imprint.server.attest;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.envelope.Envelope;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.EnvelopeMessage;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.issuance.CsrVerifier;
import io.imprint.server.issuance.VerifiedCsr;
import io.imprint.server.policy.Policies;
import io.imprint.server.products.Product;
import io.imprint.server.products.Products;
import io.imprint.server.store.StoreUnavailable;
import io.imprint.server.store.UnitRow;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The networked provisioning step: decode, product, SRK hash, MP signature, device key and CSR,
 * challenge, product policy (and decision hook), then the unit decision and issuance. An empty serial
 * asks for a server-assigned one. Every attempt, accepted or refused, leaves one
 * event; a refusal changes nothing else (except consuming the challenge once the signature verified).
 * A store that is briefly unavailable is answered {@code unavailable} (503): the device starts over
 * with a fresh challenge.
 */
public final class Attestations {
    private final Products products;
    private final CaamMpVerifier verifier;
    private final Challenges challenges;
    private final UnitIssuer issuer;
    private final EventLog events;
    private final Policies policies;

    public Attestations(Products products, CaamMpVerifier verifier, Challenges challenges, UnitIssuer issuer,
                        EventLog events, Policies policies) {
        this.policies = policies;
        this.products = products;
        this.verifier = verifier;
        this.challenges = challenges;
        this.issuer = issuer;
        this.events = events;
    }

    /**
     * Verifies the request and returns the unit's sealed secrets and certificate chain; the event of the
     * attempt (accepted or refused) is written from {@code attempt}, which carries the request's correlation id.
     */
    public ProvisioningResponse attest(AttestationRequest request, Attempt attempt) {
        try {
            byte[] signed = Base64Field.decode("evidence", request.evidence(), EvidenceCodec.MAX_BYTES);
            attempt.evidenceSha256(sha256Hex(signed));
            Mpmr mpmr = Mpmr.of(Base64Field.decodeExact("mpmr", request.mpmr(), Mpmr.BYTES));
            byte[] rs = SignatureField.decode(request.signature());
            Evidence evidence = EvidenceCodec.decode(signed);
            attempt.product(evidence.product()).chipId(evidence.chipIdHex()).serial(evidence.serial());
            Product product = products.get(evidence.product());
            SignatureField.requireFor(product, rs);
            VerifiedEvidence verified = verifier.verify(product, evidence, signed, mpmr, rs);
            requireDeviceKey(evidence.deviceKey());
            VerifiedCsr csr = CsrVerifier.verify(evidence.csr());
            Instant deadline = challenges.redeem(product.name(), evidence.sessionId(), evidence.nonce());
            // Claims are trusted only now (signature verified, challenge consumed); policy runs before
            // any unit state changes, and a refusal changes nothing else.
            policies.enforce(verified, () -> issuer.orderNameFor(product.name(), evidence.serial()));
            String session = HexFormat.of().formatHex(evidence.sessionId());
            IssuedUnit unit = issuer.issue(verified, csr, session, deadline, attempt);
            attempt.orderId(unit.orderId()).serial(unit.serial());
            try {
                Envelope envelope = EnvelopeCrypto.seal(evidence.deviceKey(), evidence.sessionId(), signed,
                        unit.secrets());
                return new ProvisioningResponse(Base64Field.encode(evidence.sessionId()), unit.serial(),
                        new EnvelopeMessage(Base64Field.encode(envelope.ephemeralKey()),
                                Base64Field.encode(envelope.iv()), Base64Field.encode(envelope.ciphertext())),
                        unit.chainPem(), UnitRow.ISSUED);
            } finally {
                unit.secrets().destroy();
            }
        } catch (UnitRefusal e) {
            attempt.orderId(e.orderId());
            events.record(e.code().slug(), attempt, e.detail());
            throw e;
        } catch (ImprintException e) {
            events.record(e.code().slug(), attempt, e.detail());
            throw e;
        } catch (StoreUnavailable e) {
            throw Unavailability.recorded(events, attempt, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            events.record(ProblemCode.INTERNAL.slug(), attempt, "internal error");
            throw e instanceof RuntimeException r ? r : new IllegalStateException("issuance failed", e);
        }
    }

    /** Records a request refused before it could be read (bad JSON, size, media type). */
    public void refusedUnread(ImprintException e, Attempt attempt) {
        events.record(e.code().slug(), attempt, e.detail());
    }

    private static void requireDeviceKey(byte[] deviceKey) {
        try {
            EcPoints.fromUncompressed(deviceKey, io.imprint.protocol.mp.MpCurve.P256.spec());
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "deviceKey is not a P-256 point");
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
