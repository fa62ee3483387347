package io.imprint.device.backend;

import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.method.AttestationMethod;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code caam-mp} backend: an i.MX chip's MP key ({@link MpBackend}: emulated CAAM, OP-TEE PTA,
 * U-Boot), its fuses ({@link ChipFuses}: chip ID, SRK hash, lifecycle) and its secure store (CAAM
 * blobs). Evidence and receipts are signed over SHA-256(MPMR || message) with the MPMR reported.
 */
public final class CaamMpDevice implements DeviceBackend {
    private final MpBackend mp;
    private final ChipFuses fuses;
    private final SecureStore store;

    public CaamMpDevice(MpBackend mp, ChipFuses fuses, SecureStore store) {
        this.mp = Objects.requireNonNull(mp);
        this.fuses = Objects.requireNonNull(fuses);
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public AttestationMethod method() {
        return AttestationMethod.CAAM_MP;
    }

    @Override
    public byte[] chipId() {
        return fuses.chipId();
    }

    @Override
    public PlatformClaims claims() {
        return new PlatformClaims(fuses.srkHash(), fuses.lifecycle());
    }

    @Override
    public DeviceSignature attest(byte[] evidence, byte[] sessionId, PreparationChannel channel)
            throws GeneralSecurityException {
        return sign(evidence);
    }

    @Override
    public DeviceSignature signReceipt(byte[] receipt) throws GeneralSecurityException {
        return sign(receipt);
    }

    private DeviceSignature sign(byte[] message) throws GeneralSecurityException {
        MpSignature s = mp.sign(message);
        return new DeviceSignature(s.rs(), s.mpmr(), Map.of());
    }

    @Override
    public SecureStore store() {
        return store;
    }

    @Override
    public String description() {
        return mp.description();
    }

    @Override
    public String toString() {
        return "CaamMpDevice[" + mp.description() + ", " + store.description() + "]";
    }
}
