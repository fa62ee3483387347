package io.imprint.device.backend;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.testing.DeterministicEcdsa;
import io.imprint.protocol.testing.FixedKeys;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;

/**
 * Test fixture: a chip whose MP key is a fixed, published test scalar (the checked-in protocol
 * vectors' key) and which signs with RFC 6979, so what the device code builds can be compared byte for
 * byte with a vector. Never a backend for anything but known-answer tests.
 */
public final class FixedMpChip implements MpBackend, ChipFuses {
    private final String scalarHex;
    private final Mpmr mpmr;
    private final byte[] chipId;
    private final byte[] srkHash;

    public FixedMpChip(String scalarHex, Mpmr mpmr, byte[] chipId, byte[] srkHash) {
        this.scalarHex = scalarHex;
        this.mpmr = mpmr;
        this.chipId = chipId.clone();
        this.srkHash = srkHash.clone();
    }

    @Override
    public MpPublicKey publicKey() throws GeneralSecurityException {
        return MpPublicKey.fromJdkKey((ECPublicKey) FixedKeys.p256(scalarHex).getPublic());
    }

    @Override
    public MpSignature sign(byte[] message) {
        return new MpSignature(mpmr, DeterministicEcdsa.signMp(new BigInteger(scalarHex, 16), mpmr.bytes(), message));
    }

    @Override
    public String description() {
        return "fixed test MP key (known-answer tests only)";
    }

    @Override
    public byte[] chipId() {
        return chipId.clone();
    }

    @Override
    public byte[] srkHash() {
        return srkHash.clone();
    }

    @Override
    public String lifecycle() {
        return "closed";
    }
}
