package io.imprint.server.attest.se;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.method.MethodProof;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.method.AttestationInput;
import io.imprint.server.attest.method.ReceiptInput;
import io.imprint.server.attest.method.VerifiedDevice;
import io.imprint.server.issuance.ProductCa;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.products.MethodTrust;
import io.imprint.server.products.Product;
import io.imprint.server.testing.TestSecureElement;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Pkcs11SeVerifierTest {
    private static final ChallengeResponse CHALLENGE = new ChallengeResponse(Base64.getEncoder()
            .encodeToString(new byte[16]), Base64.getEncoder().encodeToString(new byte[32]), "2030-01-01T00:00:00Z");
    private final Pkcs11SeVerifier verifier = new Pkcs11SeVerifier(Clock.systemUTC());
    private ProductCa vendor;
    private TestSecureElement se;
    private Product product;

    @BeforeEach
    void setUp() throws Exception {
        vendor = TestSecureElement.vendor("Test SE vendor");
        se = TestSecureElement.issuedBy(vendor);
        product = new Product("sensor", "SE050", null, null, SecretTemplate.DEFAULT, Instant.now());
    }

    @Test
    void verify_genuineElement_chipIdIsSha256OfItsKeyAndKeyKeptForReceipt() throws Exception {
        VerifiedDevice device = verifier.verify(input(se.request(evidence()), trusting(vendor)));
        byte[] spki = se.certificate().getPublicKey().getEncoded();
        assertThat(device.chipId()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(spki));
        assertThat(device.receiptKey()).contains(Base64.getEncoder().encodeToString(spki));
        assertThat(device.mpmr()).isEmpty();
    }

    @Test
    void verify_certificateOfAnotherVendorRoot_untrustedDevice() throws Exception {
        refused(ProblemCode.UNTRUSTED_DEVICE, () -> verifier.verify(input(se.request(evidence()),
                trusting(TestSecureElement.vendor("Other vendor")))));
        refused(ProblemCode.UNTRUSTED_DEVICE, () -> verifier.verify(input(se.request(evidence()),
                new MethodTrust(AttestationMethod.PKCS11_SE, List.of()))));
    }

    @Test
    void verify_certificateOutsideItsValidity_untrustedDevice() throws Exception {
        Pkcs11SeVerifier later = new Pkcs11SeVerifier(Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC));
        refused(ProblemCode.UNTRUSTED_DEVICE, () -> later.verify(input(se.request(evidence()), trusting(vendor))));
    }

    @Test
    void verify_certificateForAnotherKey_badSignature() throws Exception {
        KeyPair other = io.imprint.protocol.envelope.EnvelopeCrypto.newKeyPair();
        TestSecureElement copied = new TestSecureElement(other, se.certificate(), new byte[32]);
        refused(ProblemCode.BAD_SIGNATURE, () -> verifier.verify(input(copied.request(evidence()), trusting(vendor))));
    }

    @Test
    void verify_evidenceChangedAfterSigning_badSignature() throws Exception {
        AttestationRequest r = se.request(evidence());
        byte[] changed = evidence();
        refused(ProblemCode.BAD_SIGNATURE, () -> verifier.verify(input(new AttestationRequest(r.method(),
                Base64Field.encode(changed), null, r.signature(), r.proof()), trusting(vendor))));
    }

    @Test
    void verify_mpmrUnknownFieldOrShortSignature_malformed() throws Exception {
        AttestationRequest r = se.request(evidence());
        refused(ProblemCode.MALFORMED_REQUEST, () -> verifier.verify(input(new AttestationRequest(r.method(),
                r.evidence(), Base64Field.encode(new byte[32]), r.signature(), r.proof()), trusting(vendor))));
        refused(ProblemCode.MALFORMED_REQUEST, () -> verifier.verify(input(new AttestationRequest(r.method(),
                r.evidence(), null, r.signature(), Map.of("deviceCertificate", r.proof().get("deviceCertificate"),
                "extra", "AA==")), trusting(vendor))));
        refused(ProblemCode.MALFORMED_REQUEST, () -> verifier.verify(input(new AttestationRequest(r.method(),
                r.evidence(), null, Base64Field.encode(new byte[70]), r.proof()), trusting(vendor))));
        refused(ProblemCode.MALFORMED_REQUEST, () -> verifier.verify(input(new AttestationRequest(r.method(),
                r.evidence(), null, r.signature(), Map.of("deviceCertificate", "AAAA")), trusting(vendor))));
    }

    @Test
    void verify_productWithOtherSrkHash_srkMismatch() throws Exception {
        Product withSrk = new Product("sensor", "SE050", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, null, SecretTemplate.DEFAULT,
                Instant.now());
        byte[] evidence = evidence();
        refused(ProblemCode.SRK_MISMATCH, () -> verifier.verify(new AttestationInput(withSrk, trusting(vendor),
                EvidenceCodec.decode(evidence), evidence, null, se.request(evidence).signature(),
                MethodProof.of(se.request(evidence).proof()), Optional.empty())));
    }

    @Test
    void verifyReceipt_signedBySessionKey_acceptedOtherwiseBadSignature() throws Exception {
        String key = verifier.verify(input(se.request(evidence()), trusting(vendor))).receiptKey().orElseThrow();
        byte[] receipt = "IMPRINT/RECEIPT/v1 stand-in".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        verifier.verifyReceipt(new ReceiptInput(product, receipt, null, Base64Field.encode(se.sign(receipt)), key));
        TestSecureElement other = TestSecureElement.issuedBy(vendor);
        refused(ProblemCode.BAD_SIGNATURE, () -> verifier.verifyReceipt(new ReceiptInput(product, receipt, null,
                Base64Field.encode(other.sign(receipt)), key)));
    }

    @Test
    void verify_protocolVector_acceptedWithItsChipIdAndVendorRoot() throws Exception {
        io.imprint.protocol.testing.VectorFile v = io.imprint.protocol.testing.VectorFile.load("pkcs11-se-v1.txt");
        java.security.cert.X509Certificate root = (java.security.cert.X509Certificate) java.security.cert
                .CertificateFactory.getInstance("X.509").generateCertificate(
                        new java.io.ByteArrayInputStream(v.hex("vendorCertificate")));
        byte[] evidence = v.hex("evidence");
        AttestationRequest request = new AttestationRequest("pkcs11-se", Base64Field.encode(evidence), null,
                Base64Field.encode(v.hex("signature")), Map.of("deviceCertificate",
                Base64Field.encode(v.hex("deviceCertificate"))));
        Pkcs11SeVerifier in2030 = new Pkcs11SeVerifier(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
        Product gateway = new Product("gateway-x", "SE050", null, null, SecretTemplate.DEFAULT, Instant.now());
        VerifiedDevice device = in2030.verify(new AttestationInput(gateway, new MethodTrust(AttestationMethod.PKCS11_SE,
                List.of(root)), EvidenceCodec.decode(evidence), evidence, null, request.signature(),
                MethodProof.of(request.proof()), Optional.empty()));
        assertThat(device.chipId()).isEqualTo(v.hex("chipId"));
    }

    private byte[] evidence() throws Exception {
        return se.evidence("sensor", CHALLENGE, "SN000001");
    }

    private static MethodTrust trusting(ProductCa root) {
        return new MethodTrust(AttestationMethod.PKCS11_SE, List.of(root.certificate()));
    }

    private AttestationInput input(AttestationRequest r, MethodTrust trust) {
        byte[] signed = Base64.getDecoder().decode(r.evidence());
        return new AttestationInput(product, trust, EvidenceCodec.decode(signed), signed, r.mpmr(), r.signature(),
                MethodProof.of(r.proof()), Optional.empty());
    }

    private static void refused(ProblemCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).as(e.detail()).isEqualTo(code));
    }
}
