package io.imprint.protocol.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imprint.protocol.codec.DeviceMetadata;
import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.testing.DeterministicEcdsa;
import io.imprint.protocol.testing.FixedKeys;
import io.imprint.protocol.testing.VectorFile;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Recomputes {@code vectors/pkcs11-se-v1.txt} (a secure element's evidence signature) with the production codec. */
class Pkcs11SeVectorTest {
    private static final VectorFile V = VectorFile.load("pkcs11-se-v1.txt");
    private static final VectorFile EVIDENCE = VectorFile.load("evidence-v1.txt");

    @Test
    void chipId_isSha256OfTheDeviceCertificatesSubjectPublicKeyInfo() throws Exception {
        X509Certificate device = certificate("deviceCertificate");
        assertThat(device.getPublicKey().getEncoded()).isEqualTo(V.hex("subjectPublicKeyInfo"));
        assertThat(MessageDigest.getInstance("SHA-256").digest(V.hex("subjectPublicKeyInfo"))).isEqualTo(V.hex("chipId"));
        assertThat(FixedKeys.p256(V.text("seScalar")).getPublic().getEncoded()).isEqualTo(V.hex("subjectPublicKeyInfo"));
        assertThatCode(() -> device.verify(certificate("vendorCertificate").getPublicKey())).doesNotThrowAnyException();
    }

    @Test
    void evidence_vectorInputs_encodeToTheVectorEvidence() throws Exception {
        Evidence e = new Evidence(V.text("product"), V.hex("chipId"), V.text("serial"),
                new DeviceMetadata(V.hex("srkHash"), V.text("softwareVersion"), V.text("lifecycle"),
                        new TreeMap<>(V.withPrefix("metadata."))),
                V.hex("sessionId"), V.hex("nonce"), EVIDENCE.hex("deviceKey"), EVIDENCE.hex("csr"));
        assertThat(EvidenceCodec.encode(e)).isEqualTo(V.hex("evidence"));
        assertThat(MessageDigest.getInstance("SHA-256").digest(V.hex("evidence"))).isEqualTo(V.hex("evidenceDigest"));
    }

    @Test
    void signature_rfc6979OverTheEvidence_verifiesWithTheCertificateKey() throws Exception {
        assertThat(DeterministicEcdsa.sign(new BigInteger(1, V.hex("seScalar")), V.hex("evidence")))
                .isEqualTo(V.hex("signature"));
        Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
        verify.initVerify(certificate("deviceCertificate").getPublicKey());
        verify.update(V.hex("evidence"));
        assertThat(verify.verify(V.hex("signature"))).isTrue();
    }

    private static X509Certificate certificate(String name) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(V.hex(name)));
    }
}
