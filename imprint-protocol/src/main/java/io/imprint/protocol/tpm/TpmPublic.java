package io.imprint.protocol.tpm;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * A TPMT_PUBLIC (TPM 2.0 Library Part 2, §12.2.4) of an RSA or ECC key, parsed strictly, with the
 * exact marshaled bytes kept: the object's name is computed from them, never re-encoded.
 *
 * <pre>
 * TPMT_PUBLIC = type u16 | nameAlg u16 | objectAttributes u32 | authPolicy TPM2B
 *               | parameters (by type) | unique (by type)
 * RSA: symmetric | scheme | keyBits u16 | exponent u32     unique: TPM2B modulus
 * ECC: symmetric | scheme | curveID u16 | kdf               unique: TPM2B x | TPM2B y
 * symmetric = algorithm u16 [keyBits u16 | mode u16 unless NULL]
 * scheme, kdf = scheme u16 [hashAlg u16 unless NULL; ECDAA adds count u16]
 * </pre>
 *
 * @param type {@link TpmAlg#RSA} or {@link TpmAlg#ECC}
 * @param nameAlg the hash of the object's name
 * @param attributes TPMA_OBJECT bits
 * @param authPolicy the policy digest (empty when none)
 * @param symmetric the symmetric definition of a storage key (algorithm NULL otherwise)
 * @param scheme the signing or decryption scheme (algorithm NULL when unrestricted)
 * @param keyBits RSA modulus bits, or 0 for ECC
 * @param curve the TPM_ECC_CURVE, or 0 for RSA
 * @param unique the RSA modulus, or the ECC point x || y (each coordinate as the TPM gave it)
 * @param coordinateBytes for ECC the size of x (y has the same), 0 for RSA
 * @param marshaled the exact TPMT_PUBLIC bytes
 */
public record TpmPublic(int type, int nameAlg, long attributes, byte[] authPolicy, SymmetricDef symmetric,
                        Scheme scheme, int keyBits, int curve, byte[] unique, int coordinateBytes,
                        byte[] marshaled) {
    /** No TPM2B_PUBLIC we accept is larger (an RSA-4096 key with a SHA-512 policy is ~600 bytes). */
    public static final int MAX_BYTES = 1024;

    public static final long FIXED_TPM = 1L << 1;
    public static final long FIXED_PARENT = 1L << 4;
    public static final long SENSITIVE_DATA_ORIGIN = 1L << 5;
    public static final long USER_WITH_AUTH = 1L << 6;
    public static final long ADMIN_WITH_POLICY = 1L << 7;
    public static final long RESTRICTED = 1L << 16;
    public static final long DECRYPT = 1L << 17;
    public static final long SIGN = 1L << 18;

    /** TPMT_SYM_DEF_OBJECT: algorithm, key bits and mode (0 when the algorithm is NULL). */
    public record SymmetricDef(int algorithm, int keyBits, int mode) {
    }

    /** A TPMT_*_SCHEME or TPMT_KDF_SCHEME: the scheme and its hash (0 when NULL). */
    public record Scheme(int algorithm, int hashAlg) {
    }

    public TpmPublic {
        authPolicy = authPolicy.clone();
        unique = unique.clone();
        marshaled = marshaled.clone();
    }

    @Override public byte[] authPolicy() { return authPolicy.clone(); }
    @Override public byte[] unique() { return unique.clone(); }
    @Override public byte[] marshaled() { return marshaled.clone(); }

    /** Parses a TPM2B_PUBLIC (u16 size, then the TPMT_PUBLIC), as {@code tpm2_createak -u} writes it. */
    public static TpmPublic parseTpm2b(byte[] data) {
        TpmReader r = TpmReader.of(data, MAX_BYTES, "TPM2B_PUBLIC");
        byte[] inner = r.tpm2b(MAX_BYTES, "publicArea");
        r.end();
        return parse(inner);
    }

    /** Parses a TPMT_PUBLIC; no byte may follow it. */
    public static TpmPublic parse(byte[] data) {
        TpmReader r = TpmReader.of(data, MAX_BYTES, "TPMT_PUBLIC");
        int type = r.u16("type");
        if (type != TpmAlg.RSA && type != TpmAlg.ECC) {
            throw r.fail(String.format("type 0x%04x is not RSA or ECC", type));
        }
        int nameAlg = r.u16("nameAlg");
        if (!TpmAlg.isHash(nameAlg) || nameAlg == TpmAlg.SHA1) {
            throw r.fail(String.format("nameAlg 0x%04x is not SHA-256/384/512", nameAlg));
        }
        long attributes = r.u32("objectAttributes");
        byte[] authPolicy = r.tpm2b(64, "authPolicy");
        SymmetricDef symmetric = symmetric(r);
        Scheme scheme = scheme(r, "scheme");
        int keyBits = 0;
        int curve = 0;
        byte[] unique;
        int coordinate = 0;
        if (type == TpmAlg.RSA) {
            keyBits = r.u16("keyBits");
            long exponent = r.u32("exponent");
            if (keyBits != 2048 && keyBits != 3072 && keyBits != 4096) {
                throw r.fail("RSA keyBits " + keyBits + " is not 2048, 3072 or 4096");
            }
            if (exponent != 0 && exponent != 65537) {
                throw r.fail("RSA exponent " + exponent + " is not the default 65537");
            }
            unique = r.tpm2b(512, "unique.rsa");
            if (unique.length != keyBits / 8) {
                throw r.fail("RSA modulus of " + unique.length + " bytes for " + keyBits + " bits");
            }
        } else {
            curve = r.u16("curveID");
            int size = switch (curve) {
                case TpmAlg.ECC_NIST_P256 -> 32;
                case TpmAlg.ECC_NIST_P384 -> 48;
                default -> throw r.fail(String.format("curve 0x%04x is not NIST P-256 or P-384", curve));
            };
            Scheme kdf = scheme(r, "kdf");
            if (kdf.algorithm() != TpmAlg.NULL) {
                throw r.fail("ECC kdf must be NULL");
            }
            byte[] x = r.tpm2b(size, "unique.ecc.x");
            byte[] y = r.tpm2b(size, "unique.ecc.y");
            if (x.length != size || y.length != size) {
                throw r.fail("ECC point coordinates must be " + size + " bytes each");
            }
            unique = new byte[2 * size];
            System.arraycopy(x, 0, unique, 0, size);
            System.arraycopy(y, 0, unique, size, size);
            coordinate = size;
        }
        r.end();
        return new TpmPublic(type, nameAlg, attributes, authPolicy, symmetric, scheme, keyBits, curve,
                unique, coordinate, data);
    }

    /** The object's name: nameAlg (u16) || H_nameAlg(TPMT_PUBLIC) (Part 1, §16). */
    public byte[] name() {
        return TpmNames.name(nameAlg, marshaled);
    }

    public boolean has(long attribute) {
        return (attributes & attribute) == attribute;
    }

    /** The key as a JCA public key (RSA, or EC on P-256 / P-384). */
    public PublicKey publicKey() throws GeneralSecurityException {
        return TpmKeys.publicKey(this);
    }

    /** Whether this key's public value equals {@code key} (same modulus, or same curve point). */
    public boolean sameKeyAs(PublicKey key) throws GeneralSecurityException {
        return MessageDigest.isEqual(publicKey().getEncoded(), key.getEncoded());
    }

    private static SymmetricDef symmetric(TpmReader r) {
        int alg = r.u16("symmetric.algorithm");
        if (alg == TpmAlg.NULL) {
            return new SymmetricDef(alg, 0, 0);
        }
        if (alg != TpmAlg.AES) {
            throw r.fail(String.format("symmetric algorithm 0x%04x is not AES or NULL", alg));
        }
        int bits = r.u16("symmetric.keyBits");
        int mode = r.u16("symmetric.mode");
        if (bits != 128 && bits != 192 && bits != 256) {
            throw r.fail("AES key bits " + bits);
        }
        return new SymmetricDef(alg, bits, mode);
    }

    private static Scheme scheme(TpmReader r, String field) {
        int alg = r.u16(field);
        return switch (alg) {
            case TpmAlg.NULL, TpmAlg.RSAES -> new Scheme(alg, 0);
            case TpmAlg.RSASSA, TpmAlg.RSAPSS, TpmAlg.OAEP, TpmAlg.ECDSA, TpmAlg.ECDH, TpmAlg.ECSCHNORR,
                 TpmAlg.HMAC -> {
                int hash = r.u16(field + ".hashAlg");
                if (!TpmAlg.isHash(hash)) {
                    throw r.fail(String.format("%s hash 0x%04x", field, hash));
                }
                yield new Scheme(alg, hash);
            }
            default -> throw r.fail(String.format("%s 0x%04x is not supported", field, alg));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TpmPublic p && Arrays.equals(marshaled, p.marshaled);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(marshaled);
    }

    @Override
    public String toString() {
        return String.format("TpmPublic[type=0x%04x, nameAlg=0x%04x, attributes=0x%08x]", type, nameAlg, attributes);
    }
}
