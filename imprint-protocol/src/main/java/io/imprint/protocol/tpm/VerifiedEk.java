package io.imprint.protocol.tpm;

import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * An endorsement key whose certificate chains to a configured TPM-vendor root and whose TPMT_PUBLIC
 * is the certified key. Only {@link EkTrust} makes one.
 */
public final class VerifiedEk {
    private final TpmPublic ekPublic;
    private final X509Certificate certificate;
    private final byte[] chipId;

    VerifiedEk(TpmPublic ekPublic, X509Certificate certificate, byte[] chipId) {
        this.ekPublic = ekPublic;
        this.certificate = certificate;
        this.chipId = chipId.clone();
    }

    public TpmPublic ekPublic() { return ekPublic; }

    public X509Certificate certificate() { return certificate; }

    /** The chip identity: SHA-256 of the EK certificate's DER SubjectPublicKeyInfo (32 bytes). */
    public byte[] chipId() { return chipId.clone(); }

    /** The qualified name an AK created directly under this EK has (TPMS_ATTEST.qualifiedSigner). */
    public byte[] childQualifiedName(TpmPublic ak) {
        return TpmNames.qualifiedName(TpmNames.primaryQualifiedName(TpmNames.ENDORSEMENT_HIERARCHY, ekPublic), ak);
    }

    @Override
    public String toString() {
        return "VerifiedEk[chip " + HexFormat.of().formatHex(chipId) + "]";
    }
}
