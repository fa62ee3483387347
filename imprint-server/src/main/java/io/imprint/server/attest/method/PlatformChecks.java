package io.imprint.server.attest.method;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.products.Product;

/** Checks of the platform claims shared by methods other than {@code caam-mp}. */
public final class PlatformChecks {
    private PlatformChecks() {
    }

    /**
     * A product enrolled with an SRK hash requires every device to claim it ({@code srk-mismatch});
     * a product without one does not check the claim.
     */
    public static void srkHash(Product product, Evidence evidence) {
        if (product.hasSrkHash() && !product.srkHashEquals(evidence.metadata().srkHash())) {
            throw new ImprintException(ProblemCode.SRK_MISMATCH,
                    "the device's SRK hash is not the one enrolled for product " + product.name());
        }
    }
}
