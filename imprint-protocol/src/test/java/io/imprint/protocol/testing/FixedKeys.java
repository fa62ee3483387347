package io.imprint.protocol.testing;

import io.imprint.protocol.crypto.EcPoints;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.jce.ECNamedCurveTable;

/** Deterministic P-256 key pairs from fixed scalars, for known-answer tests only. */
public final class FixedKeys {
    private FixedKeys() {
    }

    public static KeyPair p256(String scalarHex) throws GeneralSecurityException {
        BigInteger d = new BigInteger(scalarHex, 16);
        ECParameterSpec spec = EcPoints.curve("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = ECNamedCurveTable.getParameterSpec("secp256r1").getG().multiply(d).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        KeyFactory kf = KeyFactory.getInstance("EC");
        return new KeyPair(kf.generatePublic(new ECPublicKeySpec(w, spec)), kf.generatePrivate(new ECPrivateKeySpec(d, spec)));
    }
}
