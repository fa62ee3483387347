package io.imprint.device.backend;

import io.imprint.protocol.mp.Mpmr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A backend's signature over evidence or a receipt, as the request carries it: the signature, the
 * MPMR ({@code caam-mp} only) and the method's further proof fields (e.g. a device certificate chain).
 */
public final class DeviceSignature {
    private final byte[] signature;
    private final Mpmr mpmr;
    private final Map<String, byte[]> proof;

    public DeviceSignature(byte[] signature, Mpmr mpmr, Map<String, byte[]> proof) {
        this.signature = signature.clone();
        this.mpmr = mpmr;
        Map<String, byte[]> copy = new LinkedHashMap<>();
        proof.forEach((k, v) -> copy.put(k, v.clone()));
        this.proof = Collections.unmodifiableMap(copy);
    }

    /** A signature with no MPMR and no proof fields. */
    public static DeviceSignature of(byte[] signature) {
        return new DeviceSignature(signature, null, Map.of());
    }

    public byte[] signature() {
        return signature.clone();
    }

    public Optional<Mpmr> mpmr() {
        return Optional.ofNullable(mpmr);
    }

    /** Proof fields (name to bytes); empty for {@code caam-mp}. */
    public Map<String, byte[]> proof() {
        return proof;
    }

    @Override
    public String toString() {
        return "DeviceSignature[" + signature.length + " bytes" + (mpmr == null ? "" : ", MPMR " + mpmr.describe())
                + (proof.isEmpty() ? "" : ", proof " + proof.keySet()) + "]";
    }
}
