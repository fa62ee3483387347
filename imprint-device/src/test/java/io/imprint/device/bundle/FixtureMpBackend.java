package io.imprint.device.bundle;

import io.imprint.device.backend.ChipFuses;
import io.imprint.device.backend.MpBackend;
import io.imprint.device.backend.MpSignature;
import io.imprint.protocol.bundle.FixtureMpKey;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import java.security.GeneralSecurityException;

/**
 * TEST FIXTURE, not the emulated CAAM: a software P-256 key signing like the chip (SHA-256(MPMR ||
 * message), raw r||s, MPMR = OP-TEE fill), with fixed fuses. To be replaced by the emulated chip.
 */
final class FixtureMpBackend implements MpBackend, ChipFuses {
    private final FixtureMpKey key;
    private final byte[] chipId;

    FixtureMpBackend(FixtureMpKey key, byte[] chipId) {
        this.key = key;
        this.chipId = chipId.clone();
    }

    @Override
    public MpPublicKey publicKey() throws GeneralSecurityException {
        return key.publicKey();
    }

    @Override
    public MpSignature sign(byte[] message) throws GeneralSecurityException {
        return new MpSignature(Mpmr.OPTEE_FILL, key.sign(Mpmr.OPTEE_FILL, message));
    }

    @Override
    public String description() {
        return "test fixture MP key (software, not an emulated CAAM)";
    }

    @Override
    public byte[] chipId() {
        return chipId.clone();
    }

    @Override
    public byte[] srkHash() {
        return new byte[32];
    }

    @Override
    public String lifecycle() {
        return "closed";
    }
}
