package io.imprint.protocol.testing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA P-256 with SHA-256 and the nonce of RFC 6979 (HMAC-SHA256), signature raw r||s: how the
 * checked-in vectors' signatures were made, so they can be recomputed byte for byte (here, and with
 * any RFC 6979 implementation). Production signers draw k at random; verification does not care.
 */
public final class DeterministicEcdsa {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private DeterministicEcdsa() {
    }

    /** r||s (64 bytes) over SHA-256(message) with the private scalar {@code d}. */
    public static byte[] sign(BigInteger d, byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
        BigInteger[] rs = signer.generateSignature(sha256(message));
        byte[] out = new byte[64];
        copy(rs[0], out, 0);
        copy(rs[1], out, 32);
        return out;
    }

    /** What a CAAM MP key returns for {@code message}: r||s over SHA-256(MPMR || message). */
    public static byte[] signMp(BigInteger d, byte[] mpmr, byte[] message) {
        byte[] both = new byte[mpmr.length + message.length];
        System.arraycopy(mpmr, 0, both, 0, mpmr.length);
        System.arraycopy(message, 0, both, mpmr.length, message.length);
        return sign(d, both);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(BigInteger v, byte[] out, int offset) {
        byte[] raw = v.toByteArray();
        int start = Math.max(0, raw.length - 32);
        System.arraycopy(raw, start, out, offset + 32 - (raw.length - start), raw.length - start);
    }
}
