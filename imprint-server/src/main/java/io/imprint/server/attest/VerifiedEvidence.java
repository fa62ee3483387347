package io.imprint.server.attest;

import io.imprint.protocol.codec.Evidence;
import io.imprint.server.products.Product;

/**
 * Evidence whose SRK hash matched its product and whose MP signature verified; only
 * {@link CaamMpVerifier} makes one.
 */
public final class VerifiedEvidence {
    private final Product product;
    private final Evidence evidence;
    private final byte[] signedBytes;

    VerifiedEvidence(Product product, Evidence evidence, byte[] signedBytes) {
        this.product = product;
        this.evidence = evidence;
        this.signedBytes = signedBytes.clone();
    }

    public Product product() { return product; }

    public Evidence evidence() { return evidence; }

    /** The exact bytes the chip signed. */
    public byte[] signedBytes() { return signedBytes.clone(); }
}
