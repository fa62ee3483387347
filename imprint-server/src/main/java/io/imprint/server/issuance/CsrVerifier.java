package io.imprint.server.issuance;

import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** Checks a device CSR: DER PKCS#10, EC P-256 key, valid self-signature. */
public final class CsrVerifier {
    private CsrVerifier() {
    }

    /** @throws ImprintException MALFORMED_REQUEST when the CSR is unusable */
    public static VerifiedCsr verify(byte[] der) {
        try {
            JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(der);
            if (!(csr.getPublicKey() instanceof ECPublicKey key)
                    || key.getParams().getCurve().getField().getFieldSize() != 256
                    || !key.getParams().getCurve().equals(P256.CURVE)) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "CSR key must be EC P-256");
            }
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.bouncyCastle()).build(key))) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "CSR signature does not verify");
            }
            return new VerifiedCsr(key);
        } catch (ImprintException e) {
            throw e;
        } catch (Exception e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "CSR is not a valid PKCS#10 request");
        }
    }

    /** The P-256 domain parameters, resolved once. */
    private static final class P256 {
        static final java.security.spec.EllipticCurve CURVE;

        static {
            try {
                CURVE = io.imprint.protocol.crypto.EcPoints.curve("secp256r1").getCurve();
            } catch (java.security.GeneralSecurityException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
