package io.imprint.server.attest.method;

import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * ECDSA P-256 with SHA-256 over a message, signature raw {@code r || s} (64 bytes, IEEE P1363): how a
 * secure element (and a P-256 TPM key) signs evidence and receipts here.
 */
public final class EcdsaP256 {
    public static final int SIGNATURE_BYTES = 64;
    private static final int P256_BITS = 256;

    private EcdsaP256() {
    }

    /** The {@code signature} field: 64 bytes, else {@code malformed-request} (never bad-signature). */
    public static byte[] signature(String base64) {
        return Base64Field.decodeExact("signature", base64, SIGNATURE_BYTES);
    }

    /** Whether {@code key} is an EC P-256 public key. */
    public static boolean isP256(PublicKey key) {
        return key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == P256_BITS
                && ec.getParams().getOrder().bitLength() == P256_BITS;
    }

    /** A P-256 key from its SubjectPublicKeyInfo DER. */
    public static PublicKey key(byte[] spki) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            if (!isP256(key)) {
                throw new IllegalStateException("stored receipt key is not P-256");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored receipt key does not parse", e);
        }
    }

    /** Verifies raw r||s over SHA-256(message); {@code bad-signature} with {@code detail} otherwise. */
    public static void verify(PublicKey key, byte[] message, byte[] rs, String detail) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initVerify(key);
            s.update(message);
            if (s.verify(rs)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a malformed r||s (zero, out of range) is a signature that does not verify
        }
        throw new ImprintException(ProblemCode.BAD_SIGNATURE, detail);
    }
}
