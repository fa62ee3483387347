package io.imprint.device.backend;

import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.method.AttestationMethod;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * What proves the device and where it keeps its secrets: one implementation per hardware (emulated
 * i.MX CAAM MP, OP-TEE / U-Boot MP, TPM 2.0, a PKCS#11 secure element). The agent builds the same
 * evidence for every backend from {@link #chipId()} and {@link #claims()}, and the backend signs it
 * with the key its method's verifier trusts. Implementations never log secrets; emulations say so
 * in {@link #description()}.
 */
public interface DeviceBackend extends AutoCloseable {
    /** The attestation method the server verifies this device with. */
    AttestationMethod method();

    /**
     * The chip identity as the method defines it (docs/protocol.md, "Attestation methods"): the
     * fused ID for MP, derived from the EK public key for TPM 2.0, from the device certificate for a
     * secure element. 4..32 bytes; the server checks it against the credentials.
     */
    byte[] chipId() throws IOException, GeneralSecurityException;

    /** The platform claims signed in the evidence (SRK hash, lifecycle). */
    PlatformClaims claims() throws IOException, GeneralSecurityException;

    /**
     * Signs the exact evidence bytes for the session {@code sessionId}. A method with an extra round
     * trip (TPM 2.0 credential activation) makes it through {@code channel} first.
     */
    DeviceSignature attest(byte[] evidence, byte[] sessionId, PreparationChannel channel)
            throws IOException, GeneralSecurityException, InterruptedException;

    /** Signs a receipt with the key that signed the session's evidence. */
    DeviceSignature signReceipt(byte[] receipt) throws IOException, GeneralSecurityException;

    /** The backend's secure store (CAAM blobs, TPM-sealed objects, token objects). */
    SecureStore store();

    /** What this backend is, for logs and help; emulations must say they are emulations. */
    String description();

    /** Releases sessions and handles (a token session, a TPM connection); the default holds none. */
    @Override
    default void close() throws IOException {
    }
}
