package io.imprint.server.attest;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.PreparationRequest;
import io.imprint.protocol.message.PreparationResponse;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.method.MethodProof;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.method.AttestationVerifiers;
import io.imprint.server.attest.method.Preparation;
import io.imprint.server.attest.method.Prepared;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.products.Product;
import io.imprint.server.products.ProductMethods;
import io.imprint.server.products.Products;
import io.imprint.server.store.ChallengeRow;
import io.imprint.server.store.StoreUnavailable;

/**
 * {@code POST /v1/preparations}: the extra round trip of a method that needs one, bound to an
 * outstanding challenge: the session must be known, unused and unexpired, its product must accept the
 * method, and the method's {@link Preparation} must accept the device's fields; its state is then kept
 * with the challenge (once). A refusal leaves an event and changes nothing; an accepted preparation
 * leaves none (the attestation that follows does).
 */
final class Preparations {
    private final Products products;
    private final ProductMethods methods;
    private final AttestationVerifiers verifiers;
    private final Challenges challenges;
    private final EventLog events;

    Preparations(Products products, ProductMethods methods, AttestationVerifiers verifiers, Challenges challenges,
                 EventLog events) {
        this.products = products;
        this.methods = methods;
        this.verifiers = verifiers;
        this.challenges = challenges;
        this.events = events;
    }

    PreparationResponse prepare(PreparationRequest request, Attempt attempt) {
        try {
            if (request.method() == null) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "method is missing");
            }
            AttestationMethod method = AttestationMethod.fromSlug(request.method());
            attempt.method(method.slug());
            byte[] sessionId = Base64Field.decodeExact("sessionId", request.sessionId(), Fields.SESSION_ID_BYTES);
            MethodProof proof = MethodProof.of(request.proof());
            Preparation preparation = verifiers.get(method).preparation().orElseThrow(() ->
                    new ImprintException(ProblemCode.MALFORMED_REQUEST, "method " + method.slug()
                            + " has no preparation step: send the attestation directly"));
            ChallengeRow challenge = challenges.outstanding(sessionId);
            attempt.product(challenge.product());
            Product product = products.get(challenge.product());
            Prepared prepared = preparation.prepare(product, methods.trust(product, method), sessionId, proof);
            challenges.keepPrepared(sessionId, method, prepared.state());
            return new PreparationResponse(Base64Field.encode(sessionId), MethodProof.wire(prepared.answer()));
        } catch (ImprintException e) {
            events.record(e.code().slug(), attempt, e.detail());
            throw e;
        } catch (StoreUnavailable e) {
            throw Unavailability.recorded(events, attempt, e);
        }
    }
}
