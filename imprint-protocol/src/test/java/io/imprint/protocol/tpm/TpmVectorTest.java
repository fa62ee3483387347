package io.imprint.protocol.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.testing.VectorFile;
import java.io.ByteArrayInputStream;
import java.security.InvalidKeyException;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TPM checks recomputed on what swtpm and tpm2-tools produced (vectors/tpm-quote-v1.txt). */
class TpmVectorTest {
    static final VectorFile V = VectorFile.load("tpm-quote-v1.txt");
    static final Instant AT = Instant.parse(V.text("verifyAt"));
    static final TpmPublic AK = TpmPublic.parseTpm2b(V.hex("akPublic"));
    static final TpmPublic EK = TpmPublic.parseTpm2b(V.hex("ekPublic"));

    static X509Certificate cert(String name) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(V.hex(name)));
    }

    static EkTrust trust() throws Exception {
        return new EkTrust(List.of(cert("vendorRoot"), cert("vendorIssuer")));
    }

    static VerifiedEk ek() throws Exception {
        return trust().verify(V.hex("ekCertificate"), TpmPublic.parseTpm2b(V.hex("ekPublic")), AT);
    }

    @Test
    void name_ofTheAk_isWhatTpm2ToolsComputed() {
        assertThat(TpmPublic.parseTpm2b(V.hex("akPublic")).name()).isEqualTo(V.hex("akName"));
    }

    @Test
    void qualifiedName_ofTheAkUnderTheEk_isWhatTheTpmComputed() throws Exception {
        TpmPublic ak = TpmPublic.parseTpm2b(V.hex("akPublic"));

        assertThat(ek().childQualifiedName(ak)).isEqualTo(V.hex("akQualifiedName"));
    }

    @Test
    void verify_ekCertificate_chipIdIsSha256OfTheSpki() throws Exception {
        assertThat(ek().chipId()).isEqualTo(V.hex("chipId"));
    }

    @Test
    void verify_quote_accepted() throws Exception {
        TpmAttest q = QuoteVerifier.verify(AK, ek().childQualifiedName(AK),
                new QuoteSignature(V.hex("attest"), V.hex("signature")), V.hex("extraData"));

        assertThat(q.extraData()).isEqualTo(V.hex("extraData"));
        assertThat(q.qualifiedSigner()).isEqualTo(V.hex("akQualifiedName"));
    }

    @Test
    void verify_trustWithoutTheVendorsIssuingCa_refused() throws Exception {
        EkTrust onlyRoot = new EkTrust(List.of(cert("vendorRoot")));

        assertThatThrownBy(() -> onlyRoot.verify(V.hex("ekCertificate"),
                TpmPublic.parseTpm2b(V.hex("ekPublic")), AT))
                .isInstanceOf(CertificateException.class).hasMessageContaining("does not chain");
    }

    @Test
    void verify_beforeTheEkCertificateWasIssued_refused() {
        assertThatThrownBy(() -> trust().verify(V.hex("ekCertificate"), TpmPublic.parseTpm2b(V.hex("ekPublic")),
                Instant.parse("2020-01-01T00:00:00Z"))).isInstanceOf(CertificateException.class);
    }

    @Test
    void trust_withoutAnySelfSignedRoot_refused() {
        assertThatThrownBy(() -> new EkTrust(List.of(cert("vendorIssuer"))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("no self-signed");
    }

    @Test
    void verify_ekCertificateWithTrailingBytes_refused() {
        byte[] cert = V.hex("ekCertificate");
        byte[] padded = java.util.Arrays.copyOf(cert, cert.length + 1);

        assertThatThrownBy(() -> trust().verify(padded, TpmPublic.parseTpm2b(V.hex("ekPublic")), AT))
                .isInstanceOf(CertificateException.class).hasMessageContaining("exactly one");
    }

    @Test
    void verify_akUsedAsEk_refused() {
        assertThatThrownBy(() -> trust().verify(V.hex("ekCertificate"), TpmPublic.parseTpm2b(V.hex("akPublic")), AT))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void verify_ekUsedAsAk_refused() {
        assertThatThrownBy(() -> QuoteVerifier.verify(EK, ek().childQualifiedName(EK),
                new QuoteSignature(V.hex("attest"), V.hex("signature")), V.hex("extraData")))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("restricted");
    }

    @Test
    void verify_otherExtraData_refused() {
        byte[] other = V.hex("extraData");
        other[0] ^= 1;

        assertThatThrownBy(() -> QuoteVerifier.verify(AK, ek().childQualifiedName(AK),
                new QuoteSignature(V.hex("attest"), V.hex("signature")), other))
                .isInstanceOf(SignatureException.class).hasMessageContaining("extraData");
    }

    @Test
    void verify_signatureOfAnotherMessage_refused() {
        byte[] signature = V.hex("signature");
        signature[10] ^= 1;

        assertThatThrownBy(() -> QuoteVerifier.verify(AK, ek().childQualifiedName(AK),
                new QuoteSignature(V.hex("attest"), signature), V.hex("extraData")))
                .isInstanceOf(SignatureException.class);
    }
}
