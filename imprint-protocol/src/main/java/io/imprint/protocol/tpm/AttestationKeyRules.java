package io.imprint.protocol.tpm;

import java.security.InvalidKeyException;

/**
 * What an attestation key (AK) and an endorsement key (EK) must look like for Imprint to trust
 * their TPM: the AK is a restricted signing key that cannot leave its TPM (fixedTPM, fixedParent,
 * generated inside: sensitiveDataOrigin), ECDSA P-256 or RSASSA-2048 with SHA-256; the EK is a
 * restricted decryption key that cannot leave its TPM. A restricted key signs only digests the TPM
 * computed itself, so an AK can never sign a forged TPMS_ATTEST.
 */
public final class AttestationKeyRules {
    private static final long AK_REQUIRED = TpmPublic.RESTRICTED | TpmPublic.SIGN | TpmPublic.FIXED_TPM
            | TpmPublic.FIXED_PARENT | TpmPublic.SENSITIVE_DATA_ORIGIN;
    private static final long EK_REQUIRED = TpmPublic.RESTRICTED | TpmPublic.DECRYPT | TpmPublic.FIXED_TPM
            | TpmPublic.FIXED_PARENT;

    private AttestationKeyRules() {
    }

    /** Fails with the first rule {@code ak} breaks. */
    public static void requireAttestationKey(TpmPublic ak) throws InvalidKeyException {
        if (!ak.has(AK_REQUIRED) || ak.has(TpmPublic.DECRYPT)) {
            throw new InvalidKeyException(String.format("the AK is not a restricted, fixedTPM, fixedParent, "
                    + "TPM-generated signing key (attributes 0x%08x)", ak.attributes()));
        }
        if (ak.nameAlg() != TpmAlg.SHA256) {
            throw new InvalidKeyException("the AK's name algorithm is not SHA-256");
        }
        boolean ecdsa = ak.type() == TpmAlg.ECC && ak.curve() == TpmAlg.ECC_NIST_P256
                && ak.scheme().algorithm() == TpmAlg.ECDSA;
        boolean rsassa = ak.type() == TpmAlg.RSA && ak.keyBits() == 2048 && ak.scheme().algorithm() == TpmAlg.RSASSA;
        if (!(ecdsa || rsassa) || ak.scheme().hashAlg() != TpmAlg.SHA256) {
            throw new InvalidKeyException("the AK is not ECDSA P-256 or RSASSA-2048 with SHA-256");
        }
    }

    /** Fails unless {@code ek} is a restricted decryption key bound to its TPM. */
    public static void requireEndorsementKey(TpmPublic ek) throws InvalidKeyException {
        if (!ek.has(EK_REQUIRED) || ek.has(TpmPublic.SIGN)) {
            throw new InvalidKeyException(String.format(
                    "the EK is not a restricted, fixedTPM decryption key (attributes 0x%08x)", ek.attributes()));
        }
        MakeCredential.requireStorageKey(ek);
    }
}
