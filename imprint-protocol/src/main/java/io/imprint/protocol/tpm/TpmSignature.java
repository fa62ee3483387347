package io.imprint.protocol.tpm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * A TPMT_SIGNATURE (TPM 2.0 Library Part 2, §11.3.4) by an ECDSA or RSASSA key, parsed
 * strictly, as {@code tpm2_quote -s} writes it (format {@code tss}).
 *
 * <pre>
 * ECDSA:          sigAlg u16 (0018) | hash u16 | TPM2B r | TPM2B s
 * RSASSA: sigAlg u16 (0014) | hash u16 | TPM2B signature
 * </pre>
 *
 * @param sigAlg the signature scheme
 * @param hashAlg the hash signed over
 * @param first r for ECDSA, the RSA signature otherwise
 * @param second s for ECDSA, empty otherwise
 */
public record TpmSignature(int sigAlg, int hashAlg, byte[] first, byte[] second) {
    /** No signature we accept is larger (RSA-4096). */
    public static final int MAX_BYTES = 1024;

    public TpmSignature {
        first = first.clone();
        second = second.clone();
    }

    @Override public byte[] first() { return first.clone(); }
    @Override public byte[] second() { return second.clone(); }

    public static TpmSignature parse(byte[] data) {
        TpmReader r = TpmReader.of(data, MAX_BYTES, "TPMT_SIGNATURE");
        int alg = r.u16("sigAlg");
        int hash = r.u16("hash");
        if (!TpmAlg.isHash(hash)) {
            throw r.fail(String.format("hash 0x%04x", hash));
        }
        TpmSignature signature = switch (alg) {
            case TpmAlg.ECDSA -> new TpmSignature(alg, hash, r.tpm2b(66, "signatureR"), r.tpm2b(66, "signatureS"));
            case TpmAlg.RSASSA -> new TpmSignature(alg, hash, r.tpm2b(512, "sig"), new byte[0]);
            default -> throw r.fail(String.format("sigAlg 0x%04x is not ECDSA or RSASSA (RSAPSS salt lengths differ between TPMs)", alg));
        };
        r.end();
        return signature;
    }

    /**
     * Verifies this signature over {@code message} with {@code key}; throws when it does not verify
     * or its hash is not {@code requiredHash}.
     */
    public void verify(PublicKey key, int requiredHash, byte[] message) throws GeneralSecurityException {
        if (hashAlg != requiredHash) {
            throw new SignatureException(String.format("signature hash 0x%04x, expected 0x%04x", hashAlg, requiredHash));
        }
        String hash = TpmAlg.hashName(hashAlg).replace("-", "");
        Signature verifier;
        byte[] encoded;
        switch (sigAlg) {
            case TpmAlg.ECDSA -> {
                if (!(key instanceof ECPublicKey)) {
                    throw new SignatureException("an ECDSA signature from a key that is not EC");
                }
                verifier = Signature.getInstance(hash + "withECDSAinP1363Format");
                int n = (((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() + 7) / 8;
                encoded = new byte[2 * n];
                place(first, encoded, 0, n);
                place(second, encoded, n, n);
            }
            default -> {
                if (!(key instanceof RSAPublicKey)) {
                    throw new SignatureException("an RSASSA signature from a key that is not RSA");
                }
                verifier = Signature.getInstance(hash + "withRSA");
                encoded = first;
            }
        }
        verifier.initVerify(key);
        verifier.update(message);
        if (!verifier.verify(encoded)) {
            throw new SignatureException("TPM signature does not verify");
        }
    }

    private static void place(byte[] value, byte[] out, int offset, int n) throws SignatureException {
        BigInteger v = new BigInteger(1, value);
        if (v.bitLength() > 8 * n) {
            throw new SignatureException("ECDSA scalar longer than the curve");
        }
        byte[] raw = v.toByteArray();
        int skip = raw.length > n ? raw.length - n : 0;
        System.arraycopy(raw, skip, out, offset + n - (raw.length - skip), raw.length - skip);
    }
}
