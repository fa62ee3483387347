package io.imprint.cli.backend;

import io.imprint.protocol.crypto.Providers;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An EMULATED device vendor CA (a stand-in for the CA with which NXP or Microchip certify the key of
 * every secure element they ship): a self-signed P-256 root that issues device certificates. The
 * demo and the tests use it; its private key lives only in memory.
 */
public final class VendorCa {
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private final KeyPair key;
    private final X509Certificate certificate;

    private VendorCa(KeyPair key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** A new root named {@code CN=<name>, O=Imprint emulated vendor}. */
    public static VendorCa create(String name) throws GeneralSecurityException {
        KeyPair key = newKey();
        X500Name subject = new X500Name("CN=" + name + ", O=Imprint emulated vendor");
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, key.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
            return new VendorCa(key, sign(b, key.getPrivate()));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the vendor CA certificate", e);
        }
    }

    /** The root certificate (what an OEM configures as the product's trust root). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The root certificate as PEM. */
    public String certificatePem() throws GeneralSecurityException {
        return pem(certificate);
    }

    /** A device certificate ({@code CN=<commonName>}, digitalSignature, CA:false) for {@code deviceKey}. */
    public X509Certificate issue(PublicKey deviceKey, String commonName) throws GeneralSecurityException {
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
                    new X500Name("CN=" + commonName + ", O=Imprint emulated vendor"), deviceKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(deviceKey));
            return sign(b, key.getPrivate());
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the device certificate", e);
        }
    }

    /** PEM of a certificate. */
    public static String pem(X509Certificate c) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    /** A fresh P-256 key pair (software). */
    public static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), Providers.random());
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(1, Providers.randomBytes(16));
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bouncyCastle()).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a certificate", e);
        }
    }

    @Override
    public String toString() {
        return "VendorCa[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
