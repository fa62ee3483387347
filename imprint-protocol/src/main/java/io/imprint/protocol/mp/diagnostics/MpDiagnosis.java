package io.imprint.protocol.mp.diagnostics;

import io.imprint.protocol.mp.Mpmr;
import java.util.List;
import java.util.Optional;

/**
 * What {@link MpDiagnostics} found out about one MP signature or digest. A diagnosis is a report
 * for an engineer, not a verification: to accept a signature, use {@link io.imprint.protocol.mp.MpVerifier}.
 *
 * @param tried the MPMRs tried, in order (claimed, all zeros, OP-TEE fill)
 * @param signatureChecked whether a signature was given
 * @param signatureMpmr the MPMR the signature verifies with, if any
 * @param digestChecked whether a printed digest was given
 * @param digestMpmr the MPMR for which SHA-256(MPMR || message) equals the printed digest, if any
 * @param explanation one or two human sentences
 */
public record MpDiagnosis(List<Mpmr> tried, boolean signatureChecked, Optional<Mpmr> signatureMpmr,
                          boolean digestChecked, Optional<Mpmr> digestMpmr, String explanation) {
    public MpDiagnosis {
        tried = List.copyOf(tried);
    }

    /** The MPMR the chip used, by the signature if it verified, else by the digest. */
    public Optional<Mpmr> mpmrUsed() {
        return signatureMpmr.or(() -> digestMpmr);
    }
}
