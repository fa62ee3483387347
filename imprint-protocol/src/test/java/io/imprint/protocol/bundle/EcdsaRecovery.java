package io.imprint.protocol.bundle;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Test tool: ECDSA public-key recovery on P-256 (SEC 1 section 4.1.6), Q = r^-1 (sR - eG), with
 * BouncyCastle EC math. What anyone can do with one exposed MP signature, its MPMR and its message.
 */
public final class EcdsaRecovery {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

    private EcdsaRecovery() {
    }

    /** The candidate public keys (bare X||Y) for raw {@code rs} over SHA-256(mpmr || message). */
    public static List<byte[]> candidates(byte[] mpmr, byte[] message, byte[] rs) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(mpmr);
        BigInteger e = new BigInteger(1, sha.digest(message));
        BigInteger n = P256.getN();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        List<byte[]> out = new ArrayList<>();
        if (r.signum() == 0 || r.compareTo(n) >= 0 || s.signum() == 0 || s.compareTo(n) >= 0) {
            return out;
        }
        BigInteger rInv = r.modInverse(n);
        for (byte prefix : new byte[] {2, 3}) {
            byte[] compressed = new byte[33];
            compressed[0] = prefix;
            byte[] x = r.toByteArray();
            int len = Math.min(32, x.length);
            System.arraycopy(x, x.length - len, compressed, 33 - len, len);
            ECPoint bigR;
            try {
                bigR = P256.getCurve().decodePoint(compressed);
            } catch (IllegalArgumentException notOnCurve) {
                continue;
            }
            ECPoint q = ECAlgorithms.sumOfTwoMultiplies(bigR, s.multiply(rInv).mod(n), P256.getG(),
                    e.negate().multiply(rInv).mod(n)).normalize();
            if (!q.isInfinity()) {
                out.add(Arrays.copyOfRange(q.getEncoded(false), 1, 65));
            }
        }
        return out;
    }
}
