package io.imprint.device.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.tpm.EkTrust;
import io.imprint.protocol.tpm.QuoteSignature;
import io.imprint.protocol.tpm.QuoteVerifier;
import io.imprint.protocol.tpm.TpmAttest;
import io.imprint.protocol.tpm.TpmPublic;
import io.imprint.protocol.tpm.VerifiedEk;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's TPM checks against what a real TPM (swtpm) produces: the EK certificate chain to
 * the test's own vendor root, the EK public area, the quote over the expected qualifying data.
 */
class TpmAttestationOnSwtpmTest {
    @TempDir
    static Path dir;
    static TestTpm tpm;
    static TestTpm otherVendorTpm;
    static EkTrust trust;

    @BeforeAll
    static void start() throws Exception {
        tpm = TestTpm.start(dir.resolve("a"));
        otherVendorTpm = TestTpm.start(dir.resolve("b"));
        trust = new EkTrust(tpm.vendor().trustCertificates());
    }

    @AfterAll
    static void stop() {
        if (tpm != null) {
            tpm.close();
        }
        if (otherVendorTpm != null) {
            otherVendorTpm.close();
        }
    }

    static VerifiedEk verifiedEk(Tpm2AttestationKey ak) throws Exception {
        return trust.verify(tpm.device().ekCertificate(), TpmPublic.parseTpm2b(ak.ekPublic()), Instant.now());
    }

    @Test
    void verify_ekCertificateFromTheVendor_givesChipIdFromTheEkKey() throws Exception {
        byte[] cert = tpm.device().ekCertificate();
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey()) {
            VerifiedEk ek = trust.verify(cert, TpmPublic.parseTpm2b(ak.ekPublic()), Instant.now());

            assertThat(ek.chipId()).isEqualTo(MessageDigest.getInstance("SHA-256")
                    .digest(EkTrust.parse(cert).getPublicKey().getEncoded()));
        }
    }

    @Test
    void verify_eccP384EkCertificateFromNv0x01C00016_acceptedWithItsPublicArea() throws Exception {
        TpmTools tools = tpm.device().tools();
        try (PrivateDir work = new PrivateDir(dir)) {
            byte[] cert = DerLength.trimmed(tools.run("tpm2_nvread", "0x01C00016"));
            tools.run("tpm2_readpublic", "-c", "0x81010016", "-o", work.file("ek.pub"));
            TpmPublic ecc = TpmPublic.parseTpm2b(work.read("ek.pub", 2048));

            VerifiedEk ek = trust.verify(cert, ecc, Instant.now());

            assertThat(ecc.curve()).isEqualTo(io.imprint.protocol.tpm.TpmAlg.ECC_NIST_P384);
            assertThat(ek.chipId()).isEqualTo(MessageDigest.getInstance("SHA-256")
                    .digest(EkTrust.parse(cert).getPublicKey().getEncoded()));
        }
    }

    @Test
    void verify_ekCertificateOfAnotherVendor_refused() throws Exception {
        byte[] cert = otherVendorTpm.device().ekCertificate();
        try (Tpm2AttestationKey ak = otherVendorTpm.device().createAttestationKey()) {
            TpmPublic ekPublic = TpmPublic.parseTpm2b(ak.ekPublic());

            assertThatThrownBy(() -> trust.verify(cert, ekPublic, Instant.now()))
                    .isInstanceOf(CertificateException.class).hasMessageContaining("does not chain");
        }
    }

    @Test
    void verify_ekPublicOfAnotherTpm_refused() throws Exception {
        byte[] cert = tpm.device().ekCertificate();
        try (Tpm2AttestationKey other = otherVendorTpm.device().createAttestationKey()) {
            TpmPublic otherEk = TpmPublic.parseTpm2b(other.ekPublic());

            assertThatThrownBy(() -> trust.verify(cert, otherEk, Instant.now()))
                    .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not the key of the EK certificate");
        }
    }

    @Test
    void verify_quoteOverTheExpectedData_accepted() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("evidence".getBytes());
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey()) {
            VerifiedEk ek = verifiedEk(ak);
            TpmQuote quote = ak.quote(expected);

            TpmAttest verified = QuoteVerifier.verify(TpmPublic.parseTpm2b(ak.akPublic()),
                    ek.childQualifiedName(TpmPublic.parseTpm2b(ak.akPublic())),
                new QuoteSignature(quote.attest(), quote.signature()), expected);

            assertThat(verified.extraData()).isEqualTo(expected);
            assertThat(verified.pcrSelection()).hasSize(1);
            assertThat(verified.marshaled()).startsWith(0xFF, 0x54, 0x43, 0x47, 0x80, 0x18);
        }
    }

    @Test
    void activateAndQuote_javaCredential_returnsItAndAVerifiableQuote() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("evidence".getBytes());
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey()) {
            VerifiedEk ek = verifiedEk(ak);
            TpmPublic akPublic = TpmPublic.parseTpm2b(ak.akPublic());
            byte[] secret = io.imprint.protocol.crypto.Providers.randomBytes(32);

            Tpm2AttestationKey.ActivatedQuote done = ak.activateAndQuote(io.imprint.protocol.tpm.MakeCredential.make(
                    ek.ekPublic(), akPublic.name(), secret), expected);

            assertThat(done.credential()).isEqualTo(secret);
            assertThat(QuoteVerifier.verify(akPublic, ek.childQualifiedName(akPublic), new QuoteSignature(
                    done.quote().attest(), done.quote().signature()), expected).extraData()).isEqualTo(expected);
        }
    }

    @Test
    void verify_quoteOverOtherData_refused() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("evidence".getBytes());
        byte[] other = MessageDigest.getInstance("SHA-256").digest("other evidence".getBytes());
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey()) {
            VerifiedEk ek = verifiedEk(ak);
            TpmQuote quote = ak.quote(other);

            assertThatThrownBy(() -> QuoteVerifier.verify(TpmPublic.parseTpm2b(ak.akPublic()),
                    ek.childQualifiedName(TpmPublic.parseTpm2b(ak.akPublic())),
                new QuoteSignature(quote.attest(), quote.signature()), expected))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("extraData");
        }
    }

    @Test
    void verify_tamperedQuote_refused() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("evidence".getBytes());
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey()) {
            VerifiedEk ek = verifiedEk(ak);
            TpmQuote quote = ak.quote(expected);
            byte[] attest = quote.attest();
            attest[attest.length - 1] ^= 1;

            assertThatThrownBy(() -> QuoteVerifier.verify(TpmPublic.parseTpm2b(ak.akPublic()),
                    ek.childQualifiedName(TpmPublic.parseTpm2b(ak.akPublic())),
                new QuoteSignature(attest, quote.signature()), expected))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("does not verify");
        }
    }

    @Test
    void verify_quoteByAnAkOfAnotherTpm_refused() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("evidence".getBytes());
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey();
             Tpm2AttestationKey foreign = otherVendorTpm.device().createAttestationKey()) {
            VerifiedEk ek = verifiedEk(ak);
            TpmQuote quote = foreign.quote(expected);

            assertThatThrownBy(() -> QuoteVerifier.verify(TpmPublic.parseTpm2b(foreign.akPublic()),
                    ek.childQualifiedName(TpmPublic.parseTpm2b(foreign.akPublic())),
                new QuoteSignature(quote.attest(), quote.signature()), expected))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("not this AK under this EK");
        }
    }

    @Test
    void parse_quoteWithAnotherType_refused() throws Exception {
        byte[] expected = new byte[32];
        try (Tpm2AttestationKey ak = tpm.device().createAttestationKey()) {
            byte[] attest = ak.quote(expected).attest();
            attest[5] = 0x17; // TPM_ST_ATTEST_CERTIFY

            assertThatThrownBy(() -> TpmAttest.parseQuote(attest))
                    .isInstanceOf(ImprintException.class).hasMessageContaining("is not TPM_ST_ATTEST_QUOTE");
        }
    }
}
