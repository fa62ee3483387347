package io.imprint.server.attest.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.DeviceMetadata;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.method.MethodProof;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.testing.VectorFile;
import io.imprint.protocol.tpm.EkTrust;
import io.imprint.protocol.tpm.QuoteSignature;
import io.imprint.protocol.tpm.Tpm2Fields;
import io.imprint.protocol.tpm.TpmPublic;
import io.imprint.protocol.tpm.VerifiedEk;
import io.imprint.server.attest.method.AttestationInput;
import io.imprint.server.attest.method.Prepared;
import io.imprint.server.attest.method.ReceiptInput;
import io.imprint.server.attest.method.VerifiedDevice;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.products.MethodTrust;
import io.imprint.server.products.Product;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The tpm2 verifier on what swtpm produced (vectors/tpm-quote-v1.txt): the quote there has
 * extraData = SHA-256("IMPRINT TPM vector"), so those bytes stand in for the evidence as signed.
 */
class Tpm2VerifierTest {
    static final VectorFile V = VectorFile.load("tpm-quote-v1.txt");
    static final Clock CLOCK = Clock.fixed(Instant.parse(V.text("verifyAt")), ZoneOffset.UTC);
    static final byte[] SIGNED = "IMPRINT TPM vector".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CREDENTIAL = new byte[32];
    static final Product PRODUCT = new Product("gateway-t", "TPM2", null, null, SecretTemplate.DEFAULT, CLOCK.instant());
    final Tpm2Verifier verifier = new Tpm2Verifier(CLOCK);

    static X509Certificate cert(String name) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(V.hex(name)));
    }

    static MethodTrust trust() throws Exception {
        return new MethodTrust(AttestationMethod.TPM2, List.of(cert("vendorRoot"), cert("vendorIssuer")));
    }

    static MethodProof preparationProof(String akField) {
        return MethodProof.of(Map.of(Tpm2Fields.EK_CERTIFICATE, Base64Field.encode(V.hex("ekCertificate")),
                Tpm2Fields.EK_PUBLIC, Base64Field.encode(V.hex("ekPublic")),
                Tpm2Fields.AK_PUBLIC, Base64Field.encode(V.hex(akField))));
    }

    /** What the preparation keeps, with a credential this test knows. */
    static byte[] preparedState(byte[] credential) throws Exception {
        TpmPublic ak = TpmPublic.parseTpm2b(V.hex("akPublic"));
        VerifiedEk ek = new EkTrust(trust().roots()).verify(V.hex("ekCertificate"),
                TpmPublic.parseTpm2b(V.hex("ekPublic")), CLOCK.instant());
        return new Tpm2Session(ek.chipId(), V.hex("akPublic"), ek.childQualifiedName(ak),
                MessageDigest.getInstance("SHA-256").digest(credential)).encode();
    }

    static AttestationInput input(byte[] signed, byte[] credential, Optional<byte[]> state, String mpmr)
            throws Exception {
        return input(PRODUCT, signed, credential, state, mpmr);
    }

    static AttestationInput input(Product product, byte[] signed, byte[] credential, Optional<byte[]> state,
                                  String mpmr) throws Exception {
        byte[] deviceKey = new byte[65];
        deviceKey[0] = 0x04;
        Evidence evidence = new Evidence(PRODUCT.name(), V.hex("chipId"), "SN000001", new DeviceMetadata(
                new byte[32], "1.0.0", "closed", new java.util.TreeMap<>()), new byte[16], new byte[32], deviceKey,
                new byte[] {1});
        return new AttestationInput(product, trust(), evidence, signed, mpmr,
                Base64Field.encode(new QuoteSignature(V.hex("attest"), V.hex("signature")).encode()),
                MethodProof.of(Map.of(Tpm2Fields.CREDENTIAL, Base64Field.encode(credential))), state);
    }

    @Test
    void prepare_vendorEkAndAk_answersACredentialAndKeepsItsDigestOnly() throws Exception {
        Prepared p = verifier.preparation().orElseThrow().prepare(PRODUCT, trust(), new byte[16],
                preparationProof("akPublic"));

        assertThat(p.answer()).containsOnlyKeys(Tpm2Fields.CREDENTIAL_BLOB, Tpm2Fields.ENCRYPTED_SECRET);
        assertThat(p.answer().get(Tpm2Fields.ENCRYPTED_SECRET)).hasSize(256);
        assertThat(p.answer().get(Tpm2Fields.CREDENTIAL_BLOB)).hasSize(2 + 32 + 2 + 32);
        Tpm2Session kept = Tpm2Session.decode(p.state());
        assertThat(kept.chipId()).isEqualTo(V.hex("chipId"));
        assertThat(kept.akQualifiedName()).isEqualTo(V.hex("akQualifiedName"));
    }

    @Test
    void prepare_ekOfAnUntrustedVendor_untrustedDevice() throws Exception {
        MethodTrust onlyOtherRoot = new MethodTrust(AttestationMethod.TPM2, List.of(cert("vendorRoot")));

        assertThatThrownBy(() -> verifier.preparation().orElseThrow().prepare(PRODUCT, onlyOtherRoot, new byte[16],
                preparationProof("akPublic")))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.UNTRUSTED_DEVICE));
    }

    @Test
    void prepare_akThatIsNotARestrictedSigningKey_untrustedDevice() {
        assertThatThrownBy(() -> verifier.preparation().orElseThrow().prepare(PRODUCT, trust(), new byte[16],
                preparationProof("ekPublic")))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.UNTRUSTED_DEVICE));
    }

    @Test
    void prepare_unknownField_malformed() {
        MethodProof proof = MethodProof.of(Map.of("extra", "AA=="));

        assertThatThrownBy(() -> verifier.preparation().orElseThrow().prepare(PRODUCT, trust(), new byte[16], proof))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
    }

    @Test
    void verify_activatedCredentialAndQuote_chipIdFromTheEkAndTheAkSignsReceipts() throws Exception {
        VerifiedDevice device = verifier.verify(input(SIGNED, CREDENTIAL, Optional.of(preparedState(CREDENTIAL)), null));

        assertThat(device.chipId()).isEqualTo(V.hex("chipId"));
        assertThat(device.receiptKey()).contains(java.util.Base64.getEncoder().encodeToString(
                TpmPublic.parseTpm2b(V.hex("akPublic")).publicKey().getEncoded()));
    }

    @Test
    void verify_credentialNotTheOneWrapped_untrustedDevice() throws Exception {
        byte[] other = new byte[32];
        other[0] = 1;

        assertThatThrownBy(() -> verifier.verify(input(SIGNED, other, Optional.of(preparedState(CREDENTIAL)), null)))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.UNTRUSTED_DEVICE));
    }

    @Test
    void verify_sessionNotPrepared_untrustedDevice() {
        assertThatThrownBy(() -> verifier.verify(input(SIGNED, CREDENTIAL, Optional.empty(), null)))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.UNTRUSTED_DEVICE));
    }

    @Test
    void verify_quoteOverOtherEvidence_badSignature() {
        byte[] other = "IMPRINT TPM vectoR".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> verifier.verify(input(other, CREDENTIAL, Optional.of(preparedState(CREDENTIAL)), null)))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.BAD_SIGNATURE));
    }

    @Test
    void verify_productEnrolledWithAnotherSrkHash_srkMismatch() throws Exception {
        Product withSrk = new Product("gateway-s", "TPM2", new byte[32], null, SecretTemplate.DEFAULT, CLOCK.instant());
        byte[] srk = new byte[32];
        srk[0] = 1;
        Product otherSrk = new Product("gateway-s", "TPM2", srk, null, SecretTemplate.DEFAULT, CLOCK.instant());

        assertThat(verifierAccepts(withSrk)).isTrue();
        assertThatThrownBy(() -> verifier.verify(input(otherSrk, SIGNED, CREDENTIAL,
                Optional.of(preparedState(CREDENTIAL)), null)))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.SRK_MISMATCH));
    }

    private boolean verifierAccepts(Product product) throws Exception {
        return verifier.verify(input(product, SIGNED, CREDENTIAL, Optional.of(preparedState(CREDENTIAL)), null))
                .chipId().length == 32;
    }

    @Test
    void verify_withAnMpmr_malformed() {
        assertThatThrownBy(() -> verifier.verify(input(SIGNED, CREDENTIAL, Optional.of(preparedState(CREDENTIAL)),
                Base64Field.encode(new byte[32]))))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
    }

    @Test
    void verifyReceipt_quoteByTheSessionsAk_accepted_otherBytes_badSignature() throws Exception {
        String ak = java.util.Base64.getEncoder().encodeToString(
                TpmPublic.parseTpm2b(V.hex("akPublic")).publicKey().getEncoded());
        String signature = Base64Field.encode(new QuoteSignature(V.hex("attest"), V.hex("signature")).encode());

        verifier.verifyReceipt(new ReceiptInput(PRODUCT, SIGNED, null, signature, ak));
        assertThatThrownBy(() -> verifier.verifyReceipt(new ReceiptInput(PRODUCT, new byte[] {1}, null, signature, ak)))
                .isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.BAD_SIGNATURE));
    }
}
