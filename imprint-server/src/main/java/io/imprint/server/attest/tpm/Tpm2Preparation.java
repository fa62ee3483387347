package io.imprint.server.attest.tpm;

import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.method.MethodProof;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.tpm.AttestationKeyRules;
import io.imprint.protocol.tpm.CredentialBlob;
import io.imprint.protocol.tpm.EkTrust;
import io.imprint.protocol.tpm.MakeCredential;
import io.imprint.protocol.tpm.Tpm2Fields;
import io.imprint.protocol.tpm.TpmPublic;
import io.imprint.protocol.tpm.VerifiedEk;
import io.imprint.server.attest.method.Preparation;
import io.imprint.server.attest.method.Prepared;
import io.imprint.server.products.MethodTrust;
import io.imprint.server.products.Product;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The {@code tpm2} round trip: the EK certificate must chain to one of the product's TPM-vendor
 * roots and certify the EK public area; the AK must be a restricted, fixedTPM signing key; then
 * MakeCredential wraps a fresh random credential for that EK and the AK's name. Only the TPM holding
 * the EK, with that AK loaded, can activate it: that binds the AK to the certified EK.
 */
final class Tpm2Preparation implements Preparation {
    private static final Set<String> FIELDS = Set.of(Tpm2Fields.EK_CERTIFICATE, Tpm2Fields.EK_PUBLIC,
            Tpm2Fields.AK_PUBLIC);
    private final Clock clock;

    Tpm2Preparation(Clock clock) {
        this.clock = clock;
    }

    /** @throws ImprintException MALFORMED_REQUEST or UNTRUSTED_DEVICE */
    @Override
    public Prepared prepare(Product product, MethodTrust trust, byte[] sessionId, MethodProof proof) {
        proof.requireOnly("tpm2", FIELDS);
        byte[] ekCertificate = proof.bytes(Tpm2Fields.EK_CERTIFICATE, 1, EkTrust.MAX_CERTIFICATE_BYTES);
        TpmPublic ekPublic = TpmPublic.parseTpm2b(proof.bytes(Tpm2Fields.EK_PUBLIC, 1, TpmPublic.MAX_BYTES));
        byte[] akPublic = proof.bytes(Tpm2Fields.AK_PUBLIC, 1, TpmPublic.MAX_BYTES);
        TpmPublic ak = TpmPublic.parseTpm2b(akPublic);
        VerifiedEk ek;
        try {
            ek = new EkTrust(trust.roots()).verify(ekCertificate, ekPublic, clock.instant());
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.UNTRUSTED_DEVICE, "TPM EK not trusted for product "
                    + product.name() + ": " + e.getMessage());
        }
        byte[] credential = Providers.randomBytes(Tpm2Fields.CREDENTIAL_BYTES);
        try {
            AttestationKeyRules.requireAttestationKey(ak);
            CredentialBlob blob = MakeCredential.make(ekPublic, ak.name(), credential);
            Tpm2Session session = new Tpm2Session(ek.chipId(), akPublic, ek.childQualifiedName(ak),
                    MessageDigest.getInstance("SHA-256").digest(credential));
            return new Prepared(Map.of(Tpm2Fields.CREDENTIAL_BLOB, blob.idObject(),
                    Tpm2Fields.ENCRYPTED_SECRET, blob.encryptedSecret()), session.encode());
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.UNTRUSTED_DEVICE, "TPM attestation key refused: " + e.getMessage());
        } finally {
            Arrays.fill(credential, (byte) 0);
        }
    }
}
