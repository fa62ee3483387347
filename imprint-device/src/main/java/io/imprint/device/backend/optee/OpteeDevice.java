package io.imprint.device.backend.optee;

import io.imprint.device.backend.CaamMpDevice;
import io.imprint.device.backend.ChipFuses;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.DeviceSignature;
import io.imprint.device.backend.MpBackend;
import io.imprint.device.backend.PlatformClaims;
import io.imprint.device.backend.PreparationChannel;
import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.method.AttestationMethod;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * A {@code caam-mp} device on an OP-TEE board: the MP key and fuses through OP-TEE's PTAs
 * ({@link OpteeMpBackend}, {@link OcotpFuses}) as a {@link CaamMpDevice}, which unloads its
 * {@link Libteec} when closed.
 */
public final class OpteeDevice implements DeviceBackend {
    private final Libteec lib;
    private final OpteeMpBackend mp;
    private final OcotpFuses fuses;
    private final CaamMpDevice device;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private OpteeDevice(Libteec lib, OpteeMpBackend mp, OcotpFuses fuses, SecureStore store) {
        this.lib = lib;
        this.mp = mp;
        this.fuses = fuses;
        this.device = new CaamMpDevice(mp, fuses, store);
    }

    /**
     * Reads the fuses through {@code lib} and opens the store {@code store} makes for the chip ID; takes
     * ownership of {@code lib} (closed here on failure, else by {@link #close()}).
     */
    public static OpteeDevice open(Libteec lib, FuseMap map, StoreFactory store) throws IOException, GeneralSecurityException {
        try {
            OcotpFuses fuses = OcotpFuses.read(lib, map);
            return new OpteeDevice(lib, new OpteeMpBackend(lib), fuses, store.open(fuses.chipId()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            lib.close();
            throw e;
        }
    }

    /** Makes the device's secure store once its chip ID is known. */
    @FunctionalInterface
    public interface StoreFactory {
        SecureStore open(byte[] chipId) throws IOException, GeneralSecurityException;
    }

    /** The MP key (for commands that need it alone: public key, offline bundles). */
    public MpBackend mp() {
        return mp;
    }

    public ChipFuses fuses() {
        return fuses;
    }

    @Override
    public AttestationMethod method() {
        return device.method();
    }

    @Override
    public byte[] chipId() {
        return device.chipId();
    }

    @Override
    public PlatformClaims claims() {
        return device.claims();
    }

    @Override
    public DeviceSignature attest(byte[] evidence, byte[] sessionId, PreparationChannel channel)
            throws GeneralSecurityException {
        return device.attest(evidence, sessionId, channel);
    }

    @Override
    public DeviceSignature signReceipt(byte[] receipt) throws GeneralSecurityException {
        return device.signReceipt(receipt);
    }

    @Override
    public SecureStore store() {
        return device.store();
    }

    @Override
    public String description() {
        return device.description();
    }

    /** Unloads libteec; a second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lib.close();
        }
    }

    @Override
    public String toString() {
        return "OpteeDevice[" + device + "]";
    }
}
