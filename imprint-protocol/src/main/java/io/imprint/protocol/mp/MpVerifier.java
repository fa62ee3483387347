package io.imprint.protocol.mp;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;

/**
 * Verifies CAAM MP signatures: ECDSA over SHA-256(MPMR || message), signature raw r||s.
 * Throws on any failure; there is no boolean result.
 */
public final class MpVerifier {
    private MpVerifier() {
    }

    /**
     * @throws SignatureException if the signature is malformed or does not verify
     */
    public static void verify(MpPublicKey key, Mpmr mpmr, byte[] message, byte[] rs) throws GeneralSecurityException {
        int expected = 2 * key.curve().coordinateBytes();
        if (rs.length != expected) {
            throw new SignatureException("MP signature must be " + expected + " bytes r||s, got " + rs.length);
        }
        Signature sig = Signature.getInstance(key.curve().signatureAlgorithm(), io.imprint.protocol.crypto.Providers.bouncyCastle());
        sig.initVerify(key.verificationKey());
        sig.update(mpmr.bytes());
        sig.update(message);
        if (!sig.verify(rs)) {
            throw new SignatureException("MP signature does not verify over SHA-256(MPMR || message) with MPMR " + mpmr.describe());
        }
    }
}
