package io.imprint.device.backend;

import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.mp.MpCurve;
import io.imprint.protocol.mp.MpPublicKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * The emulated MP key pair of one product: derived from the emulated fuse seed, the part number
 * and the SRK hash, so every emulated chip of a product shares it exactly as silicon does.
 *
 * <pre>
 * d = OS2IP(HMAC-SHA256(seed, "IMPRINT/EMULATED-CAAM/MP-KEY/v1" 00 | u16 counter | partNumber | srkHash))
 * counter = 0, 1, ... until 1 &lt;= d &lt; n;  public = d * G
 * </pre>
 * How silicon derives its MP key is not public; this derivation only has to be deterministic.
 * Holds a private key: {@link #toString()} names the public key only.
 */
final class EmulatedMpKey {
    static final String CONTEXT = "IMPRINT/EMULATED-CAAM/MP-KEY/v1";
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

    private final PrivateKey privateKey;
    private final MpPublicKey publicKey;

    private EmulatedMpKey(PrivateKey privateKey, MpPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static EmulatedMpKey derive(byte[] fuseSeed, String partNumber, byte[] srkHash) throws GeneralSecurityException {
        BigInteger n = P256.getN();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(fuseSeed, "HmacSHA256"));
        for (int counter = 0; counter <= 0xFFFF; counter++) {
            byte[] input = CanonicalWriter.start(CONTEXT).u16(counter).string(partNumber).bytes(srkHash).toByteArray();
            byte[] candidate = mac.doFinal(input);
            BigInteger d = new BigInteger(1, candidate);
            Arrays.fill(candidate, (byte) 0);
            if (d.signum() > 0 && d.compareTo(n) < 0) {
                return fromScalar(d);
            }
        }
        throw new GeneralSecurityException("no valid P-256 scalar derived (cannot happen in practice)");
    }

    private static EmulatedMpKey fromScalar(BigInteger d) throws GeneralSecurityException {
        org.bouncycastle.math.ec.ECPoint q = P256.getG().multiply(d).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        KeyFactory bc = KeyFactory.getInstance("EC", Providers.bouncyCastle());
        PrivateKey priv = bc.generatePrivate(new ECPrivateKeySpec(d, MpCurve.P256.spec()));
        java.security.interfaces.ECPublicKey pub = (java.security.interfaces.ECPublicKey)
                KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, MpCurve.P256.spec()));
        return new EmulatedMpKey(priv, MpPublicKey.fromRaw(EcPoints.toXy(pub)));
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    MpPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "EmulatedMpKey[" + publicKey + "]";
    }
}
