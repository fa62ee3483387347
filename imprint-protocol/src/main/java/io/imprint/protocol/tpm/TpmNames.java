package io.imprint.protocol.tpm;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names and qualified names of TPM objects (TPM 2.0 Library Part 1, §16 and §26.5):
 * {@code name = nameAlg || H(TPMT_PUBLIC)}; the qualified name of a hierarchy is its handle, of an
 * object {@code nameAlg || H(QN(parent) || name)}.
 */
public final class TpmNames {
    /** TPM_RH_ENDORSEMENT, the hierarchy an EK is a primary key of. */
    public static final int ENDORSEMENT_HIERARCHY = 0x4000000B;

    private TpmNames() {
    }

    static byte[] name(int nameAlg, byte[] marshaledPublic) {
        return prefixed(nameAlg, digest(nameAlg).digest(marshaledPublic));
    }

    /** The qualified name of a primary key of the hierarchy {@code hierarchyHandle}. */
    public static byte[] primaryQualifiedName(int hierarchyHandle, TpmPublic primary) {
        return qualifiedName(ByteBuffer.allocate(4).putInt(hierarchyHandle).array(), primary);
    }

    /** The qualified name of {@code child} under a parent whose qualified name is {@code parentQn}. */
    public static byte[] qualifiedName(byte[] parentQn, TpmPublic child) {
        MessageDigest h = digest(child.nameAlg());
        h.update(parentQn);
        h.update(child.name());
        return prefixed(child.nameAlg(), h.digest());
    }

    private static byte[] prefixed(int alg, byte[] digest) {
        byte[] out = new byte[2 + digest.length];
        out[0] = (byte) (alg >>> 8);
        out[1] = (byte) alg;
        System.arraycopy(digest, 0, out, 2, digest.length);
        return out;
    }

    static MessageDigest digest(int alg) {
        try {
            return MessageDigest.getInstance(TpmAlg.hashName(alg));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + TpmAlg.hashName(alg), e);
        }
    }
}
