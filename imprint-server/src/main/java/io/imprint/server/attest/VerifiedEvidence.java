package io.imprint.server.attest;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.server.attest.method.VerifiedDevice;
import io.imprint.server.products.Product;
import java.util.Optional;

/**
 * Evidence whose method's verifier vouched for the device and whose chip ID is the one the method
 * derives; only {@link Attestations} makes one, from a verifier's {@link VerifiedDevice}.
 */
public final class VerifiedEvidence {
    private final Product product;
    private final Evidence evidence;
    private final byte[] signedBytes;
    private final AttestationMethod method;
    private final VerifiedDevice device;

    VerifiedEvidence(Product product, Evidence evidence, byte[] signedBytes, AttestationMethod method,
                     VerifiedDevice device) {
        this.product = product;
        this.evidence = evidence;
        this.signedBytes = signedBytes.clone();
        this.method = method;
        this.device = device;
    }

    /** The MPMR the chip signed with (part of the signed hash); empty for methods other than {@code caam-mp}. */
    public Optional<Mpmr> mpmr() { return device.mpmr(); }

    public Product product() { return product; }

    public Evidence evidence() { return evidence; }

    /** The method whose verifier vouched for the device. */
    public AttestationMethod method() { return method; }

    /** Base64 SubjectPublicKeyInfo of the key that signs the session's receipt, when it is the device's own. */
    public Optional<String> receiptKey() { return device.receiptKey(); }

    /** The exact bytes the device signed. */
    public byte[] signedBytes() { return signedBytes.clone(); }
}
