package io.imprint.server.products;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.server.issuance.SecretTemplate;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/** An enrolled product with its parsed MP key, ready for the verification hot path. */
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
        this.srkHash = srkHash.clone();
        this.mpKey = mpKey;
        this.template = template;
        this.created = created;
    }

    public String name() { return name; }

    public String partNumber() { return partNumber; }

    /** Lowercase hex of the SRK hash. */
    public String srkHashHex() { return HexFormat.of().formatHex(srkHash); }

    /** Constant-time comparison with a claimed SRK hash. */
    public boolean srkHashEquals(byte[] claimed) {
        return MessageDigest.isEqual(srkHash, claimed);
    }

    public MpPublicKey mpKey() { return mpKey; }

    public SecretTemplate template() { return template; }

    public Instant created() { return created; }

    @Override
    public String toString() {
        return "Product[" + name + ", " + partNumber + ", " + mpKey + "]";
    }
}
