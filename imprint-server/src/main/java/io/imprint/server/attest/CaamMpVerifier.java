package io.imprint.server.attest;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.products.Product;
import java.security.GeneralSecurityException;

/**
 * Authorizes evidence signed by an i.MX CAAM MP key: the claimed SRK hash must be the product's
 * (checked first, so a chip of another key set is diagnosed as such), then the signature over
 * SHA-256(MPMR || evidence) must verify with the product's enrolled MP key.
 */
public final class CaamMpVerifier {
    /** @throws ImprintException SRK_MISMATCH or BAD_SIGNATURE */
    public VerifiedEvidence verify(Product product, Evidence evidence, byte[] signedBytes, Mpmr mpmr, byte[] rs) {
        if (!product.srkHashEquals(evidence.metadata().srkHash())) {
            throw new ImprintException(ProblemCode.SRK_MISMATCH,
                    "the chip's SRK hash is not the one enrolled for product " + product.name());
        }
        try {
            MpVerifier.verify(product.mpKey(), mpmr, signedBytes, rs);
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.BAD_SIGNATURE,
                    "MP signature does not verify with the enrolled key of " + product.name()
                            + " (MPMR " + mpmr.describe() + ")");
        }
        return new VerifiedEvidence(product, evidence, signedBytes, mpmr);
    }
}
