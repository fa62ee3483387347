package io.imprint.protocol.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;

/**
 * Conversion between EC public keys and their raw encodings (SEC1 uncompressed {@code 04||X||Y},
 * or bare {@code X||Y} as the i.MX CAAM prints it), with an explicit on-curve check.
 */
public final class EcPoints {
    private EcPoints() {
    }

    /** Domain parameters of a named curve, e.g. {@code secp256r1}. */
    public static ECParameterSpec curve(String name) throws GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(name));
        return params.getParameterSpec(ECParameterSpec.class);
    }

    /** Decodes bare X||Y on {@code curve} into a JDK public key, refusing points off the curve. */
    public static ECPublicKey fromXy(byte[] xy, ECParameterSpec curve) throws GeneralSecurityException {
        int size = fieldBytes(curve);
        if (xy.length != 2 * size) {
            throw new InvalidKeySpecException("expected " + 2 * size + " bytes X||Y, got " + xy.length);
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(xy, 0, size));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(xy, size, 2 * size));
        ECPoint point = new ECPoint(x, y);
        requireOnCurve(point, curve);
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve));
    }

    /** Decodes SEC1 uncompressed {@code 04||X||Y}. */
    public static ECPublicKey fromUncompressed(byte[] sec1, ECParameterSpec curve) throws GeneralSecurityException {
        if (sec1.length == 0 || sec1[0] != 0x04) {
            throw new InvalidKeySpecException("not an uncompressed SEC1 point");
        }
        return fromXy(java.util.Arrays.copyOfRange(sec1, 1, sec1.length), curve);
    }

    /** Bare X||Y of a public key, each coordinate left-padded to the field size. */
    public static byte[] toXy(ECPublicKey key) {
        int size = fieldBytes(key.getParams());
        byte[] out = new byte[2 * size];
        copyUnsigned(key.getW().getAffineX(), out, 0, size);
        copyUnsigned(key.getW().getAffineY(), out, size, size);
        return out;
    }

    /** SEC1 uncompressed {@code 04||X||Y}. */
    public static byte[] toUncompressed(ECPublicKey key) {
        byte[] xy = toXy(key);
        byte[] out = new byte[xy.length + 1];
        out[0] = 0x04;
        System.arraycopy(xy, 0, out, 1, xy.length);
        return out;
    }

    public static int fieldBytes(ECParameterSpec curve) {
        return (curve.getCurve().getField().getFieldSize() + 7) / 8;
    }

    private static void requireOnCurve(ECPoint p, ECParameterSpec curve) throws InvalidKeySpecException {
        BigInteger prime = ((ECFieldFp) curve.getCurve().getField()).getP();
        BigInteger x = p.getAffineX();
        BigInteger y = p.getAffineY();
        if (x.signum() < 0 || x.compareTo(prime) >= 0 || y.signum() < 0 || y.compareTo(prime) >= 0) {
            throw new InvalidKeySpecException("coordinate out of range");
        }
        BigInteger lhs = y.multiply(y).mod(prime);
        BigInteger rhs = x.pow(3).add(curve.getCurve().getA().multiply(x)).add(curve.getCurve().getB()).mod(prime);
        if (!lhs.equals(rhs)) {
            throw new InvalidKeySpecException("point is not on the curve");
        }
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset, int size) {
        byte[] raw = value.toByteArray();
        int start = Math.max(0, raw.length - size);
        int len = raw.length - start;
        System.arraycopy(raw, start, out, offset + size - len, len);
    }
}
