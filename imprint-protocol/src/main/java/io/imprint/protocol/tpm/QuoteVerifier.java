package io.imprint.protocol.tpm;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SignatureException;

/**
 * Verifies a TPM quote made by an AK created under a verified EK: the AK follows
 * {@link AttestationKeyRules}; the TPMS_ATTEST has the TPM magic, is a quote, was signed by that
 * AK as a child of that EK (qualifiedSigner) over exactly {@code expectedExtraData}; the
 * TPMT_SIGNATURE verifies with SHA-256. Throws on the first failure; never returns false.
 */
public final class QuoteVerifier {
    private QuoteVerifier() {
    }

    public static VerifiedQuote verify(VerifiedEk ek, TpmPublic ak, byte[] attest, byte[] signature,
                                       byte[] expectedExtraData) throws GeneralSecurityException {
        AttestationKeyRules.requireAttestationKey(ak);
        TpmAttest quote = TpmAttest.parseQuote(attest);
        TpmSignature sig = TpmSignature.parse(signature);
        sig.verify(ak.publicKey(), TpmAlg.SHA256, quote.marshaled());
        if (!MessageDigest.isEqual(quote.qualifiedSigner(), ek.childQualifiedName(ak))) {
            throw new SignatureException("the quote's signer is not this AK under this EK");
        }
        if (!MessageDigest.isEqual(quote.extraData(), expectedExtraData)) {
            throw new SignatureException("the quote's extraData is not the expected value");
        }
        return new VerifiedQuote(ek, ak, quote);
    }
}
