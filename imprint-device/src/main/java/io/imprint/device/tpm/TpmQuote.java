package io.imprint.device.tpm;

/**
 * A quote as the TPM returned it.
 *
 * @param attest the TPMS_ATTEST bytes the AK signed
 * @param signature the TPMT_SIGNATURE
 */
public record TpmQuote(byte[] attest, byte[] signature) {
    public TpmQuote {
        attest = attest.clone();
        signature = signature.clone();
    }

    @Override public byte[] attest() { return attest.clone(); }
    @Override public byte[] signature() { return signature.clone(); }
}
