package io.imprint.device.agent;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.Envelope;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.EnvelopeMessage;
import io.imprint.protocol.message.ProvisioningResponse;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** What a server does for one attestation, minimally: a CA that certifies the CSR key and seals secrets. */
final class TestIssuer {
    final KeyPair caKey;
    final X509Certificate ca;

    TestIssuer() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        caKey = g.generateKeyPair();
        ca = certificate("CN=test product CA", caKey.getPublic(), null);
    }

    static ChallengeResponse challenge() {
        return new ChallengeResponse(Base64Field.encode(Providers.randomBytes(16)),
                Base64Field.encode(Providers.randomBytes(32)), Instant.now().plusSeconds(60).toString());
    }

    static SecretItems items() {
        return SecretItems.builder().add("disk-key", Providers.randomBytes(32))
                .add("cloud.token", "token-123".getBytes()).build();
    }

    ProvisioningResponse issue(byte[] evidenceBytes, String serial, SecretItems items) throws Exception {
        Evidence e = EvidenceCodec.decode(evidenceBytes);
        PublicKey subjectKey = new JcaPKCS10CertificationRequest(e.csr()).getPublicKey();
        return issue(evidenceBytes, serial, items, subjectKey);
    }

    ProvisioningResponse issue(byte[] evidenceBytes, String serial, SecretItems items, PublicKey subjectKey) throws Exception {
        Evidence e = EvidenceCodec.decode(evidenceBytes);
        X509Certificate leaf = certificate("CN=" + serial, subjectKey, "urn:imprint:chip:" + e.chipIdHex());
        Envelope env = EnvelopeCrypto.seal(e.deviceKey(), e.sessionId(), evidenceBytes, items);
        return new ProvisioningResponse(Base64Field.encode(e.sessionId()), serial,
                new EnvelopeMessage(Base64Field.encode(env.ephemeralKey()), Base64Field.encode(env.iv()),
                        Base64Field.encode(env.ciphertext())), List.of(pem(leaf), pem(ca)), "issued");
    }

    private X509Certificate certificate(String subject, PublicKey key, String sanUri) throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(new X500Name("CN=test product CA"), BigInteger.valueOf(System.nanoTime()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject), key);
        if (sanUri != null) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri)));
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bouncyCastle()).build(caKey.getPrivate())));
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
