package io.imprint.protocol.tpm;

/**
 * What TPM2_MakeCredential returns and TPM2_ActivateCredential takes: the {@code credentialBlob}
 * (the contents of a TPM2B_ID_OBJECT: {@code u16 size | outerHMAC | encIdentity}) and the
 * {@code secret} (the contents of a TPM2B_ENCRYPTED_SECRET: the seed encrypted to the EK).
 * Public values: only the TPM holding the EK can open them.
 *
 * @param idObject the TPM2B_ID_OBJECT contents
 * @param encryptedSecret the TPM2B_ENCRYPTED_SECRET contents
 */
public record CredentialBlob(byte[] idObject, byte[] encryptedSecret) {
    /** Bounds of both fields (an ID object is at most 2 + 64 + 2 + 64 bytes; a seed under RSA-4096 512). */
    public static final int MAX_ID_OBJECT_BYTES = 256;
    public static final int MAX_SECRET_BYTES = 512;

    public CredentialBlob {
        if (idObject.length == 0 || idObject.length > MAX_ID_OBJECT_BYTES) {
            throw TpmReader.malformed("TPM2B_ID_OBJECT", "size " + idObject.length);
        }
        if (encryptedSecret.length == 0 || encryptedSecret.length > MAX_SECRET_BYTES) {
            throw TpmReader.malformed("TPM2B_ENCRYPTED_SECRET", "size " + encryptedSecret.length);
        }
        idObject = idObject.clone();
        encryptedSecret = encryptedSecret.clone();
    }

    @Override public byte[] idObject() { return idObject.clone(); }
    @Override public byte[] encryptedSecret() { return encryptedSecret.clone(); }
}
