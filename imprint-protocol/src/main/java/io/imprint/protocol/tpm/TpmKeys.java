package io.imprint.protocol.tpm;

import io.imprint.protocol.crypto.EcPoints;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;

/** JCA public keys from TPMT_PUBLIC values; EC points off their curve are refused. */
final class TpmKeys {
    private static final BigInteger DEFAULT_EXPONENT = BigInteger.valueOf(65537);

    private TpmKeys() {
    }

    static PublicKey publicKey(TpmPublic p) throws GeneralSecurityException {
        if (p.type() == TpmAlg.RSA) {
            return KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(new BigInteger(1, p.unique()), DEFAULT_EXPONENT));
        }
        String curve = p.curve() == TpmAlg.ECC_NIST_P256 ? "secp256r1" : "secp384r1";
        return EcPoints.fromXy(p.unique(), EcPoints.curve(curve));
    }
}
