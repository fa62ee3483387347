package io.imprint.server.attest;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.server.products.Product;

/**
 * Evidence whose SRK hash matched its product and whose MP signature verified; only
 * {@link CaamMpVerifier} makes one.
 */
public final class VerifiedEvidence {
    private final Product product;
    private final Evidence evidence;
    private final byte[] signedBytes;
    private final Mpmr mpmr;

    VerifiedEvidence(Product product, Evidence evidence, byte[] signedBytes, Mpmr mpmr) {
        this.product = product;
        this.evidence = evidence;
        this.signedBytes = signedBytes.clone();
        this.mpmr = mpmr;
    }

    /** The MPMR the chip signed with (part of the signed hash). */
    public Mpmr mpmr() { return mpmr; }

    public Product product() { return product; }

    public Evidence evidence() { return evidence; }

    /** The exact bytes the chip signed. */
    public byte[] signedBytes() { return signedBytes.clone(); }
}
