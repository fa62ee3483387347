package io.imprint.server.products;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.server.issuance.SecretTemplate;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An enrolled product with its parsed MP key, ready for the verification hot path. A product that
 * does not accept {@code caam-mp} may have no MP key and no SRK hash (then {@link #hasMpKey()} is false).
 */
public final class Product {
    private final String name;
    private final String partNumber;
    private final byte[] srkHash;
    private final MpPublicKey mpKey;
    private final SecretTemplate template;
    private final Instant created;

    public Product(String name, String partNumber, byte[] srkHash, MpPublicKey mpKey, SecretTemplate template,
                   Instant created) {
        this.name = name;
        this.partNumber = partNumber;
        this.srkHash = srkHash == null ? new byte[0] : srkHash.clone();
        this.mpKey = mpKey;
        this.template = template;
        this.created = created;
    }

    public String name() { return name; }

    public String partNumber() { return partNumber; }

    /** Lowercase hex of the SRK hash; empty when the product has none. */
    public String srkHashHex() { return HexFormat.of().formatHex(srkHash); }

    /** Whether an SRK hash was enrolled (always for {@code caam-mp} products). */
    public boolean hasSrkHash() { return srkHash.length > 0; }

    /** Constant-time comparison with a claimed SRK hash; false when the product has none. */
    public boolean srkHashEquals(byte[] claimed) {
        return hasSrkHash() && MessageDigest.isEqual(srkHash, claimed);
    }

    /** Whether an MP public key was enrolled (required to accept {@code caam-mp} and for offline bundles). */
    public boolean hasMpKey() { return mpKey != null; }

    /**
     * The enrolled MP public key.
     *
     * @throws io.imprint.protocol.problem.ImprintException {@code malformed-request} when the product has none
     */
    public MpPublicKey mpKey() {
        if (mpKey == null) {
            throw new io.imprint.protocol.problem.ImprintException(
                    io.imprint.protocol.problem.ProblemCode.MALFORMED_REQUEST,
                    "product " + name + " has no MP public key (it was enrolled without caam-mp)");
        }
        return mpKey;
    }

    public SecretTemplate template() { return template; }

    public Instant created() { return created; }

    @Override
    public String toString() {
        return "Product[" + name + ", " + partNumber + ", " + (mpKey == null ? "no MP key" : mpKey) + "]";
    }
}
