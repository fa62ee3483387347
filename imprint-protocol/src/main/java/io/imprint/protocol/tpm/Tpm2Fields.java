package io.imprint.protocol.tpm;

/**
 * The proof fields of the {@code tpm2} method (docs/protocol.md, "TPM 2.0"), each Base64 on the wire.
 * Preparation request: {@link #EK_CERTIFICATE}, {@link #EK_PUBLIC}, {@link #AK_PUBLIC}; its answer:
 * {@link #CREDENTIAL_BLOB}, {@link #ENCRYPTED_SECRET}; attestation: {@link #CREDENTIAL} beside the
 * {@code signature} (a {@link QuoteSignature}).
 */
public final class Tpm2Fields {
    /** DER EK certificate, as read from NV index 0x01C00002. */
    public static final String EK_CERTIFICATE = "ekCertificate";
    /** The EK's TPM2B_PUBLIC. */
    public static final String EK_PUBLIC = "ekPublic";
    /** The AK's TPM2B_PUBLIC. */
    public static final String AK_PUBLIC = "akPublic";
    /** TPM2B_ID_OBJECT contents from MakeCredential. */
    public static final String CREDENTIAL_BLOB = "credentialBlob";
    /** TPM2B_ENCRYPTED_SECRET contents from MakeCredential. */
    public static final String ENCRYPTED_SECRET = "encryptedSecret";
    /** The credential ActivateCredential returned. */
    public static final String CREDENTIAL = "credential";
    /** Size of the credential the server wraps. */
    public static final int CREDENTIAL_BYTES = 32;

    private Tpm2Fields() {
    }
}
