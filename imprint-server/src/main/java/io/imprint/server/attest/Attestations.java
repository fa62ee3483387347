package io.imprint.server.attest;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.envelope.Envelope;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.EnvelopeMessage;
import io.imprint.protocol.message.PreparationRequest;
import io.imprint.protocol.message.PreparationResponse;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.method.MethodProof;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.method.AttestationInput;
import io.imprint.server.attest.method.AttestationVerifier;
import io.imprint.server.attest.method.AttestationVerifiers;
import io.imprint.server.attest.method.VerifiedDevice;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.issuance.CsrVerifier;
import io.imprint.server.issuance.VerifiedCsr;
import io.imprint.server.policy.Policies;
import io.imprint.server.products.MethodTrust;
import io.imprint.server.products.Product;
import io.imprint.server.products.ProductMethods;
import io.imprint.server.products.Products;
import io.imprint.server.store.StoreUnavailable;
import io.imprint.server.store.UnitRow;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The networked provisioning step: decode, product, the product's acceptance of the request's
 * attestation method, the method's verifier (for {@code caam-mp}: SRK hash, MP signature) and the
 * chip identity it derives, device key and CSR, challenge, product policy (and decision hook), then
 * the unit decision and issuance. An empty serial
 * asks for a server-assigned one. Every attempt, accepted or refused, leaves one
 * event; a refusal changes nothing else (except consuming the challenge once the signature verified).
 * A store that is briefly unavailable is answered {@code unavailable} (503): the device starts over
 * with a fresh challenge.
 */
public final class Attestations {
    private final Products products;
    private final ProductMethods methods;
    private final AttestationVerifiers verifiers;
    private final Challenges challenges;
    private final UnitIssuer issuer;
    private final EventLog events;
    private final Policies policies;
    private final Preparations preparations;

    public Attestations(Products products, ProductMethods methods, AttestationVerifiers verifiers,
                        Challenges challenges, UnitIssuer issuer, EventLog events, Policies policies) {
        this.policies = policies;
        this.products = products;
        this.methods = methods;
        this.verifiers = verifiers;
        this.challenges = challenges;
        this.issuer = issuer;
        this.events = events;
        this.preparations = new Preparations(products, methods, verifiers, challenges, events);
    }

    /** The optional method-specific round trip of a session ({@code POST /v1/preparations}). */
    public PreparationResponse prepare(PreparationRequest request, Attempt attempt) {
        return preparations.prepare(request, attempt);
    }

    /** Records a preparation refused before it could be read (bad JSON, size, media type). */
    public void preparationUnread(ImprintException e, Attempt attempt) {
        events.record(e.code().slug(), attempt, e.detail());
    }

    /**
     * Verifies the request and returns the unit's sealed secrets and certificate chain; the event of the
     * attempt (accepted or refused) is written from {@code attempt}, which carries the request's correlation id.
     */
    public ProvisioningResponse attest(AttestationRequest request, Attempt attempt) {
        try {
            byte[] signed = Base64Field.decode("evidence", request.evidence(), EvidenceCodec.MAX_BYTES);
            attempt.evidenceSha256(sha256Hex(signed));
            AttestationMethod method = AttestationMethod.ofRequest(request.method());
            attempt.method(method.slug());
            MethodProof proof = MethodProof.of(request.proof());
            Evidence evidence = EvidenceCodec.decode(signed);
            attempt.product(evidence.product()).chipId(evidence.chipIdHex()).serial(evidence.serial());
            Product product = products.get(evidence.product());
            MethodTrust trust = methods.trust(product, method);
            AttestationVerifier verifier = verifiers.get(method);
            Optional<byte[]> prepared = verifier.preparation().isPresent()
                    ? challenges.preparedState(evidence.sessionId(), method) : Optional.empty();
            VerifiedDevice device = verifier.verify(new AttestationInput(product, trust, evidence, signed,
                    request.mpmr(), request.signature(), proof, prepared));
            if (!MessageDigest.isEqual(device.chipId(), evidence.chipId())) {
                throw new ImprintException(ProblemCode.UNTRUSTED_DEVICE, "the evidence's chipId is not the "
                        + method.slug() + " chip identity its credentials give");
            }
            VerifiedEvidence verified = new VerifiedEvidence(product, evidence, signed, method, device);
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
