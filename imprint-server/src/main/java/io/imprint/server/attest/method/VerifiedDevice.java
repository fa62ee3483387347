package io.imprint.server.attest.method;

import io.imprint.protocol.mp.Mpmr;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a verifier vouches for: the device's chip identity as the method derives it (which the
 * evidence's {@code chipId} must equal), the MPMR for {@code caam-mp}, and the key that will sign
 * the session's receipt when it is the device's own.
 */
public final class VerifiedDevice {
    private final byte[] chipId;
    private final Mpmr mpmr;
    private final String receiptKey;

    /**
     * @param chipId the chip identity derived from the verified credentials (4..32 bytes)
     * @param mpmr the MPMR the chip signed with ({@code caam-mp}), or null
     * @param receiptKey Base64 SubjectPublicKeyInfo of the key that signs this session's receipt, or
     *                   null when the method's product-wide key does
     */
    public VerifiedDevice(byte[] chipId, Mpmr mpmr, String receiptKey) {
        this.chipId = chipId.clone();
        this.mpmr = mpmr;
        this.receiptKey = receiptKey;
    }

    public byte[] chipId() {
        return chipId.clone();
    }

    public Optional<Mpmr> mpmr() {
        return Optional.ofNullable(mpmr);
    }

    public Optional<String> receiptKey() {
        return Optional.ofNullable(receiptKey);
    }

    @Override
    public String toString() {
        return "VerifiedDevice[chip " + HexFormat.of().withUpperCase().formatHex(chipId) + "]";
    }
}
