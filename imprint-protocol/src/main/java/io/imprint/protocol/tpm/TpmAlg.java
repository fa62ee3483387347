package io.imprint.protocol.tpm;

/**
 * TPM_ALG_ID and TPM_ECC_CURVE values used here (TPM 2.0 Library Part 2, §6.3 and §6.4; the TCG
 * Algorithm Registry), and the hash algorithms a name or signature may use.
 */
public final class TpmAlg {
    public static final int RSA = 0x0001;
    public static final int SHA1 = 0x0004;
    public static final int HMAC = 0x0005;
    public static final int AES = 0x0006;
    public static final int KEYEDHASH = 0x0008;
    public static final int XOR = 0x000A;
    public static final int SHA256 = 0x000B;
    public static final int SHA384 = 0x000C;
    public static final int SHA512 = 0x000D;
    public static final int NULL = 0x0010;
    public static final int RSASSA = 0x0014;
    public static final int RSAES = 0x0015;
    public static final int RSAPSS = 0x0016;
    public static final int OAEP = 0x0017;
    public static final int ECDSA = 0x0018;
    public static final int ECDH = 0x0019;
    public static final int ECDAA = 0x001A;
    public static final int ECSCHNORR = 0x001C;
    public static final int ECC = 0x0023;
    public static final int SYMCIPHER = 0x0025;
    public static final int CFB = 0x0043;

    public static final int ECC_NIST_P256 = 0x0003;
    public static final int ECC_NIST_P384 = 0x0004;

    private TpmAlg() {
    }

    /** The JCA name of a TPM hash algorithm; fails for anything but SHA-1/256/384/512. */
    public static String hashName(int alg) {
        return switch (alg) {
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case SHA384 -> "SHA-384";
            case SHA512 -> "SHA-512";
            default -> throw TpmReader.malformed("TPM_ALG_ID", String.format("0x%04x is not a supported hash", alg));
        };
    }

    /** The digest size of a TPM hash algorithm in bytes. */
    public static int hashSize(int alg) {
        return switch (alg) {
            case SHA1 -> 20;
            case SHA256 -> 32;
            case SHA384 -> 48;
            case SHA512 -> 64;
            default -> throw TpmReader.malformed("TPM_ALG_ID", String.format("0x%04x is not a supported hash", alg));
        };
    }

    static boolean isHash(int alg) {
        return alg == SHA1 || alg == SHA256 || alg == SHA384 || alg == SHA512;
    }
}
