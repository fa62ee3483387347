package io.imprint.server.attest.method;

import io.imprint.protocol.method.MethodProof;
import io.imprint.server.products.MethodTrust;
import io.imprint.server.products.Product;

/**
 * The extra round trip of a method ({@code POST /v1/preparations}), between the challenge and the
 * attestation of one session: e.g. TPM 2.0 MakeCredential for the device's EK and AK. The framework
 * keeps the returned state with the unused challenge (once per session, at most
 * {@link Prepared#MAX_STATE_BYTES}) and hands it back in {@link AttestationInput#preparedState()}.
 */
public interface Preparation {
    /**
     * Checks the device's fields and answers them.
     *
     * @param sessionId the challenge's session (known, unused, unexpired, for this product)
     * @throws io.imprint.protocol.problem.ImprintException with the refusal's code
     */
    Prepared prepare(Product product, MethodTrust trust, byte[] sessionId, MethodProof proof);
}
