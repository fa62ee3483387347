package io.imprint.protocol.mp;

import io.imprint.protocol.crypto.EcPoints;
import java.security.GeneralSecurityException;
import java.security.spec.ECParameterSpec;

/**
 * Curves an MP key can live on. The curve is a property of the enrolled key, not a constant:
 * closed i.MX6UL/7/8M parts sign with P-256 (the only one supported so far); OP-TEE may pick
 * P-521 on open parts and i.MX8QM/QXP (SECO) use P-384.
 */
public enum MpCurve {
    P256("secp256r1", 32, "SHA256withPLAIN-ECDSA");

    private final String jcaName;
    private final int coordinateBytes;
    private final String signatureAlgorithm;
    private final ECParameterSpec spec;

    MpCurve(String jcaName, int coordinateBytes, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.coordinateBytes = coordinateBytes;
        this.signatureAlgorithm = signatureAlgorithm;
        try {
            this.spec = EcPoints.curve(jcaName);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public String jcaName() { return jcaName; }

    /** Bytes per coordinate and per signature half (r or s). */
    public int coordinateBytes() { return coordinateBytes; }

    /** Length of a raw {@code r || s} signature on this curve. */
    public int signatureBytes() { return 2 * coordinateBytes; }

    /** Whether a raw {@code r || s} signature of {@code length} bytes belongs to some supported curve. */
    public static boolean isSignatureLength(int length) {
        for (MpCurve c : values()) {
            if (c.signatureBytes() == length) {
                return true;
            }
        }
        return false;
    }

    /** BouncyCastle name of ECDSA with the raw r||s ("plain") signature encoding. */
    public String signatureAlgorithm() { return signatureAlgorithm; }

    public ECParameterSpec spec() { return spec; }

    /** The curve whose public key X||Y is {@code length} bytes long. */
    public static MpCurve forPublicKeyLength(int length) {
        for (MpCurve c : values()) {
            if (2 * c.coordinateBytes == length) {
                return c;
            }
        }
        throw new IllegalArgumentException("no supported MP curve has a " + length + "-byte public key (P-256: 64)");
    }
}
