package io.imprint.device.backend;

import io.imprint.protocol.codec.Fields;

/**
 * The platform claims of the evidence, per method: for {@code caam-mp} the fused SRK hash and the
 * fuse lifecycle; for other methods the board's secure-boot key hash if it has one (else 32 zero
 * bytes) and {@code closed} or {@code open} as the backend is configured.
 *
 * @param srkHash 32 bytes
 * @param lifecycle printable ASCII, {@code closed} or {@code open}
 */
public record PlatformClaims(byte[] srkHash, String lifecycle) {
    /** No secure-boot key hash on the platform: 32 zero bytes. */
    public static final byte[] NO_SRK_HASH = new byte[Fields.SRK_HASH_BYTES];

    public PlatformClaims {
        if (srkHash.length != Fields.SRK_HASH_BYTES) {
            throw new IllegalArgumentException("SRK hash must be " + Fields.SRK_HASH_BYTES + " bytes");
        }
        srkHash = srkHash.clone();
    }

    @Override
    public byte[] srkHash() {
        return srkHash.clone();
    }
}
