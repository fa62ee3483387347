package io.imprint.server.attest.tpm;

import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.tpm.QuoteSignature;
import io.imprint.protocol.tpm.QuoteVerifier;
import io.imprint.protocol.tpm.Tpm2Fields;
import io.imprint.protocol.tpm.TpmPublic;
import io.imprint.server.attest.method.AttestationInput;
import io.imprint.server.attest.method.AttestationVerifier;
import io.imprint.server.attest.method.PlatformChecks;
import io.imprint.server.attest.method.Preparation;
import io.imprint.server.attest.method.ReceiptInput;
import io.imprint.server.attest.method.VerifiedDevice;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Authorizes evidence from a TPM 2.0 ({@code tpm2}): the session must have been prepared (EK
 * verified, credential made for its AK); the device must return that credential (it activated it,
 * so the AK lives in the TPM of the certified EK); the AK's quote must carry
 * {@code extraData = SHA-256(evidence)}, be signed by the AK as a child of that EK, and verify. The
 * chip identity is SHA-256 of the EK certificate's SubjectPublicKeyInfo. Receipts are quotes by the
 * same AK over SHA-256(receipt).
 */
public final class Tpm2Verifier implements AttestationVerifier {
    private static final Set<String> FIELDS = Set.of(Tpm2Fields.CREDENTIAL);
    private final Tpm2Preparation preparation;

    public Tpm2Verifier(Clock clock) {
        this.preparation = new Tpm2Preparation(clock);
    }

    @Override
    public AttestationMethod method() {
        return AttestationMethod.TPM2;
    }

    @Override
    public Optional<Preparation> preparation() {
        return Optional.of(preparation);
    }

    /** @throws ImprintException MALFORMED_REQUEST, SRK_MISMATCH, UNTRUSTED_DEVICE or BAD_SIGNATURE */
    @Override
    public VerifiedDevice verify(AttestationInput in) {
        QuoteSignature quote = QuoteSignature.parse(
                Base64Field.decode("signature", in.signature(), QuoteSignature.MAX_BYTES));
        if (in.mpmr() != null) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "method tpm2 takes no mpmr");
        }
        byte[] credential = in.proof().requireOnly("tpm2", FIELDS)
                .bytes(Tpm2Fields.CREDENTIAL, Tpm2Fields.CREDENTIAL_BYTES, Tpm2Fields.CREDENTIAL_BYTES);
        PlatformChecks.srkHash(in.product(), in.evidence());
        Tpm2Session session = Tpm2Session.decode(in.preparedState().orElseThrow(() -> new ImprintException(
                ProblemCode.UNTRUSTED_DEVICE, "the TPM attestation key was not bound to an EK in this session "
                + "(POST /v1/preparations first)")));
        if (!MessageDigest.isEqual(sha256(credential), session.credentialDigest())) {
            throw new ImprintException(ProblemCode.UNTRUSTED_DEVICE,
                    "the TPM attestation key is not bound to the certified EK (credential activation failed)");
        }
        TpmPublic ak = session.ak();
        try {
            QuoteVerifier.verify(ak, session.akQualifiedName(), quote, sha256(in.signedBytes()));
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.BAD_SIGNATURE, "TPM quote refused: " + e.getMessage());
        }
        try {
            return new VerifiedDevice(session.chipId(), null,
                    Base64.getEncoder().encodeToString(ak.publicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.UNTRUSTED_DEVICE, "TPM attestation key unusable: " + e.getMessage());
        }
    }

    /** @throws ImprintException MALFORMED_REQUEST or BAD_SIGNATURE */
    @Override
    public void verifyReceipt(ReceiptInput in) {
        QuoteSignature quote = QuoteSignature.parse(
                Base64Field.decode("signature", in.signature(), QuoteSignature.MAX_BYTES));
        if (in.receiptKey() == null) {
            throw new ImprintException(ProblemCode.BAD_SIGNATURE, "no TPM attestation key for this session");
        }
        try {
            PublicKey ak = publicKey(Base64.getDecoder().decode(in.receiptKey()));
            QuoteVerifier.verifyByKey(ak, quote, sha256(in.signedBytes()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.BAD_SIGNATURE, "TPM receipt quote refused: " + e.getMessage());
        }
    }

    /** The AK's public key from its SubjectPublicKeyInfo (an ECDSA or an RSASSA AK). */
    private static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(spki);
        try {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        } catch (java.security.spec.InvalidKeySpecException notEc) {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
