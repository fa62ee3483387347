package io.imprint.server.attest.se;

import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.method.MethodProof;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.method.AttestationInput;
import io.imprint.server.attest.method.AttestationVerifier;
import io.imprint.server.attest.method.CertificatePaths;
import io.imprint.server.attest.method.EcdsaP256;
import io.imprint.server.attest.method.PlatformChecks;
import io.imprint.server.attest.method.ReceiptInput;
import io.imprint.server.attest.method.VerifiedDevice;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Authorizes evidence signed by a secure element (docs/protocol.md, "pkcs11-se"): the proof's device
 * certificate (and optional intermediates) must chain to one of the product's pkcs11-se roots
 * ({@code untrusted-device}), its key must be P-256 ({@code malformed-request}), the SRK hash claim must
 * match when the product has one ({@code srk-mismatch}), and the raw r||s over SHA-256(evidence) must
 * verify with the certificate's key ({@code bad-signature}). The chip identity is SHA-256 of the
 * certificate's SubjectPublicKeyInfo DER; that key signs the session's receipt.
 */
public final class Pkcs11SeVerifier implements AttestationVerifier {
    public static final String DEVICE_CERTIFICATE = "deviceCertificate";
    public static final String INTERMEDIATES = "intermediateCertificates";
    static final int MAX_CERTIFICATE_BYTES = 4096;
    static final int MAX_INTERMEDIATE_BYTES = 8192;
    private final Clock clock;

    public Pkcs11SeVerifier(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AttestationMethod method() {
        return AttestationMethod.PKCS11_SE;
    }

    @Override
    public VerifiedDevice verify(AttestationInput in) {
        MethodProof proof = in.proof().requireOnly(method().slug(), Set.of(DEVICE_CERTIFICATE, INTERMEDIATES));
        noMpmr(in.mpmr());
        byte[] rs = EcdsaP256.signature(in.signature());
        X509Certificate device = CertificatePaths.certificate("proof." + DEVICE_CERTIFICATE,
                proof.bytes(DEVICE_CERTIFICATE, 1, MAX_CERTIFICATE_BYTES));
        List<X509Certificate> intermediates = proof.optional(INTERMEDIATES, 1, MAX_INTERMEDIATE_BYTES)
                .map(der -> CertificatePaths.certificates("proof." + INTERMEDIATES, der)).orElse(List.of());
        if (!EcdsaP256.isP256(device.getPublicKey())) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "the device certificate's key must be EC P-256");
        }
        CertificatePaths.validate("device certificate", device, intermediates, in.trust().roots(), clock.instant());
        PlatformChecks.srkHash(in.product(), in.evidence());
        EcdsaP256.verify(device.getPublicKey(), in.signedBytes(), rs,
                "the evidence signature does not verify with the device certificate's key");
        byte[] spki = device.getPublicKey().getEncoded();
        return new VerifiedDevice(chipId(spki), null, Base64.getEncoder().encodeToString(spki));
    }

    @Override
    public void verifyReceipt(ReceiptInput in) {
        noMpmr(in.mpmr());
        byte[] rs = EcdsaP256.signature(in.signature());
        if (in.receiptKey() == null) {
            throw new IllegalStateException("a pkcs11-se session without its receipt key");
        }
        EcdsaP256.verify(EcdsaP256.key(Base64.getDecoder().decode(in.receiptKey())), in.signedBytes(), rs,
                "receipt signature does not verify with the key of the device certificate of this session");
    }

    /** The chip identity of a secure element: SHA-256 of its certificate's SubjectPublicKeyInfo DER. */
    public static byte[] chipId(byte[] subjectPublicKeyInfo) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void noMpmr(String mpmr) {
        if (mpmr != null) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, method().slug() + " takes no mpmr");
        }
    }
}
