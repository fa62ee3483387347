package io.imprint.server.attest.method;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.method.MethodProof;
import io.imprint.server.products.MethodTrust;
import io.imprint.server.products.Product;
import java.util.Optional;

/**
 * One attestation as a verifier sees it: the product and its trust for the method, the decoded
 * evidence and its exact bytes, and the request's method fields, still undecoded where their
 * shape is the method's business.
 *
 * @param mpmr the request's {@code mpmr} (Base64) or null; only {@code caam-mp} takes one
 * @param signature the request's {@code signature} (Base64); its length and form are the method's
 * @param proof the request's {@code proof} fields
 * @param preparedState what the method's {@link Preparation} kept for this session, if it ran
 */
public record AttestationInput(Product product, MethodTrust trust, Evidence evidence, byte[] signedBytes,
                               String mpmr, String signature, MethodProof proof, Optional<byte[]> preparedState) {
    public AttestationInput {
        signedBytes = signedBytes.clone();
    }

    @Override
    public byte[] signedBytes() {
        return signedBytes.clone();
    }
}
