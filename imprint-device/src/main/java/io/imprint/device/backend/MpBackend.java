package io.imprint.device.backend;

import io.imprint.protocol.mp.MpPublicKey;
import java.security.GeneralSecurityException;

/**
 * The chip's manufacturing-protection key: the private half never leaves the hardware.
 * Implementations: emulated CAAM (here), U-Boot / OP-TEE command backends (on silicon).
 */
public interface MpBackend {
    /** The MP public key, as U-Boot {@code mfgprot pubk} or OP-TEE PTA command 1 returns it. */
    MpPublicKey publicKey() throws GeneralSecurityException;

    /** Signs SHA-256(MPMR || message) with the MP private key (OP-TEE PTA command 0). */
    MpSignature sign(byte[] message) throws GeneralSecurityException;

    /** What this backend is, for logs and help; emulations must say they are emulations. */
    String description();
}
