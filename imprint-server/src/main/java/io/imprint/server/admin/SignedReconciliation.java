package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditKey;
import io.imprint.server.orders.Reconciliations;
import io.imprint.server.orders.VerifiedReconciliation;
import java.security.GeneralSecurityException;

/**
 * A closed order's reconciliation on the wire: the exact signed text, the audit key's signature and
 * that key, so the receiver verifies it itself ({@link #verify()}) and can keep it as evidence.
 *
 * @param canonicalJson the signed canonical JSON
 * @param signature raw r||s ECDSA P-256 signature, Base64
 * @param auditKey the audit public key (PEM); compare it with {@code keys/audit.pub.pem} to trust it
 */
public record SignedReconciliation(String canonicalJson, String signature, String auditKey) {
    static SignedReconciliation of(VerifiedReconciliation v, String auditKeyPem) {
        return new SignedReconciliation(v.canonicalJson(), v.signatureBase64(), auditKeyPem);
    }

    /** Verifies the signature with {@link #auditKey()}; throws {@link ProblemCode#CONFLICT} when it fails. */
    public VerifiedReconciliation verify() {
        try {
            return Reconciliations.verify(AuditKey.publicKeyFromPem(auditKey), canonicalJson, signature);
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new ImprintException(ProblemCode.CONFLICT, "reconciliation: the audit key is not a PEM EC public key");
        }
    }
}
