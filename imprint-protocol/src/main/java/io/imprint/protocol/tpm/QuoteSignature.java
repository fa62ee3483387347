package io.imprint.protocol.tpm;

import java.util.Arrays;

/**
 * The {@code signature} a {@code tpm2} device sends for its evidence and its receipt: the response
 * parameters of TPM2_Quote, concatenated as the TPM returns them.
 *
 * <pre>
 * signature = TPM2B_ATTEST quoted (u16 size | TPMS_ATTEST) || TPMT_SIGNATURE
 * </pre>
 *
 * @param attest the TPMS_ATTEST bytes the AK signed
 * @param signature the TPMT_SIGNATURE
 */
public record QuoteSignature(byte[] attest, byte[] signature) {
    /** The largest packed form accepted. */
    public static final int MAX_BYTES = 2 + TpmAttest.MAX_BYTES + TpmSignature.MAX_BYTES;

    public QuoteSignature {
        attest = attest.clone();
        signature = signature.clone();
    }

    @Override public byte[] attest() { return attest.clone(); }
    @Override public byte[] signature() { return signature.clone(); }

    /** Splits the packed form; the parts are parsed by {@link QuoteVerifier}. */
    public static QuoteSignature parse(byte[] packed) {
        TpmReader r = TpmReader.of(packed, MAX_BYTES, "TPM2_Quote response");
        byte[] attest = r.tpm2b(TpmAttest.MAX_BYTES, "quoted");
        int from = r.position();
        return new QuoteSignature(attest, Arrays.copyOfRange(packed, from, packed.length));
    }

    public byte[] encode() {
        byte[] out = new byte[2 + attest.length + signature.length];
        out[0] = (byte) (attest.length >>> 8);
        out[1] = (byte) attest.length;
        System.arraycopy(attest, 0, out, 2, attest.length);
        System.arraycopy(signature, 0, out, 2 + attest.length, signature.length);
        return out;
    }
}
