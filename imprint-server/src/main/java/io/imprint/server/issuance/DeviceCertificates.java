package io.imprint.server.issuance;

import io.imprint.protocol.crypto.Providers;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 v3 device certificates: subject {@code CN=<serial>, serialNumber=<serial>, O=<product>},
 * SAN URI {@code urn:imprint:chip:<CHIPIDHEX>}, key usage digitalSignature, random 128-bit serial.
 */
public final class DeviceCertificates {
    private final Duration validity;

    public DeviceCertificates(Duration validity) {
        this.validity = validity;
    }

    /** A certificate for {@code key}, signed by {@code ca}. */
    public X509Certificate issue(ProductCa ca, PublicKey key, String serial, String chipIdHex)
            throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, serial)
                .addRDN(BCStyle.SERIALNUMBER, serial).addRDN(BCStyle.O, ca.product()).build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.certificate(),
                    new BigInteger(1, Providers.randomBytes(16)), Date.from(now), Date.from(now.plus(validity)),
                    subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, "urn:imprint:chip:" + chipIdHex)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(ca.certificate()))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            return new JcaX509CertificateConverter().getCertificate(b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bouncyCastle())
                            .build(ca.key())));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot build the device certificate", e);
        }
    }
}
