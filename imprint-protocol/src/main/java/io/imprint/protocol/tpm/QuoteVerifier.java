package io.imprint.protocol.tpm;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SignatureException;

/**
 * Verifies a TPM quote made by an AK created under a verified EK: the AK follows
 * {@link AttestationKeyRules}; the TPMS_ATTEST has the TPM magic, is a quote, was signed by that
 * AK as a child of that EK (its qualifiedSigner is {@link VerifiedEk#childQualifiedName}) over
 * exactly {@code expectedExtraData}; the TPMT_SIGNATURE verifies with SHA-256. Throws on the first
 * failure; never returns false.
 */
public final class QuoteVerifier {
    private QuoteVerifier() {
    }

    /**
     * Verifies {@code quote} by {@code ak}, whose qualified name under its verified EK is
     * {@code expectedSigner}; returns the verified TPMS_ATTEST.
     */
    public static TpmAttest verify(TpmPublic ak, byte[] expectedSigner, QuoteSignature quote,
                                   byte[] expectedExtraData) throws GeneralSecurityException {
        AttestationKeyRules.requireAttestationKey(ak);
        TpmAttest attest = verifyByKey(ak.publicKey(), quote, expectedExtraData);
        if (!MessageDigest.isEqual(attest.qualifiedSigner(), expectedSigner)) {
            throw new SignatureException("the quote's signer is not this AK under this EK");
        }
        return attest;
    }

    /**
     * Verifies a later quote of an AK already bound to its EK (e.g. over a receipt), knowing only
     * the AK's public key: a TPM quote (magic, type) over exactly {@code expectedExtraData}, signed
     * by {@code akKey} with SHA-256. A restricted AK signs nothing but TPM-made attestations, so this
     * proves the AK's TPM made it.
     */
    public static TpmAttest verifyByKey(PublicKey akKey, QuoteSignature packed, byte[] expectedExtraData)
            throws GeneralSecurityException {
        TpmAttest quote = TpmAttest.parseQuote(packed.attest());
        TpmSignature.parse(packed.signature()).verify(akKey, TpmAlg.SHA256, quote.marshaled());
        if (!MessageDigest.isEqual(quote.extraData(), expectedExtraData)) {
            throw new SignatureException("the quote's extraData is not the expected value");
        }
        return quote;
    }
}
