package io.imprint.bench;

import io.imprint.protocol.codec.DeviceMetadata;
import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import io.imprint.protocol.envelope.SecretItems;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.TreeMap;

/**
 * Inputs shaped like a real provisioning: evidence with a fresh device ECDH key, a CSR-sized blob
 * and two metadata claims (about 560 bytes), and the demo's two 32-byte secrets.
 */
final class Samples {
    /** Size of a DER PKCS#10 request for a P-256 key with a short subject, as the device agent makes. */
    static final int CSR_BYTES = 300;

    private Samples() {
    }

    /** Evidence for one unit, its device key pair being {@code device}. */
    static Evidence evidence(KeyPair device) {
        TreeMap<String, String> extra = new TreeMap<>();
        extra.put("board", "evk-rev-b");
        extra.put("station", "line-3");
        byte[] csr = Providers.randomBytes(CSR_BYTES);
        csr[0] = 0x30;
        return new Evidence("gateway-x", Providers.randomBytes(8), "SN000042",
                new DeviceMetadata(Providers.randomBytes(32), "1.0.0", "closed", extra),
                Providers.randomBytes(16), Providers.randomBytes(32),
                EcPoints.toUncompressed((ECPublicKey) device.getPublic()), csr);
    }

    /** The exact signed bytes of {@link #evidence(KeyPair)} for a fresh device key. */
    static byte[] evidenceBytes() throws GeneralSecurityException {
        return EvidenceCodec.encode(evidence(EnvelopeCrypto.newKeyPair()));
    }

    /** What the demo's product issues: two random 32-byte secrets. */
    static SecretItems secrets() {
        return SecretItems.builder()
                .add("disk-encryption-key", Providers.randomBytes(32))
                .add("cloud-api-token", Providers.randomBytes(32))
                .build();
    }
}
