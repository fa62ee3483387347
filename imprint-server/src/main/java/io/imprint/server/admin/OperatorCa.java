package io.imprint.server.admin;

import io.imprint.protocol.crypto.Providers;
import io.imprint.server.files.KeyFileException;
import io.imprint.server.issuance.PemFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The operator CA in {@code <dataDir>/admin/ca} ({@code ca.crt}, {@code ca.key} mode 600), EC P-256,
 * generated when the store is created. It signs operator client certificates; the admin listener trusts it alone.
 */
public final class OperatorCa {
    private static final Duration CA_VALIDITY = Duration.ofDays(365L * 10);
    private static final String CERTIFICATE = "the operator CA certificate, which the admin listener trusts";
    private static final String KEY = "the operator CA key, which issues operator certificates";
    private final X509Certificate certificate;
    private final PrivateKey key;

    private OperatorCa(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The CA of {@code dataDir}, created when neither its certificate nor its key is there. */
    public static OperatorCa loadOrCreate(Path dataDir) throws IOException, GeneralSecurityException {
        boolean absent = !Files.exists(certificateFile(dataDir)) && !Files.exists(keyFile(dataDir));
        return absent ? create(dataDir) : load(dataDir);
    }

    /**
     * The CA of {@code dataDir}: {@code admin/ca/ca.crt} must be there; {@code ca.key} may be kept on
     * another machine. A missing, empty or malformed file is a {@link KeyFileException} naming it.
     */
    public static OperatorCa load(Path dataDir) throws KeyFileException {
        X509Certificate certificate = PemFiles.readCertificate(certificateFile(dataDir), CERTIFICATE);
        Path keyFile = keyFile(dataDir);
        // The key may be kept off the server: checking clients needs only ca.crt.
        PrivateKey caKey = Files.exists(keyFile) ? PemFiles.readPrivateKey(keyFile, KEY) : null;
        return new OperatorCa(certificate, caKey);
    }

    /** Generates a new CA into {@code dataDir/admin/ca} (key 600; both written atomically); refuses to overwrite. */
    public static OperatorCa create(Path dataDir) throws IOException, GeneralSecurityException {
        KeyPair pair = newKeyPair();
        X500Name subject = new X500Name("CN=Imprint operator CA");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
        X509Certificate certificate = sign(b, pair.getPrivate());
        PemFiles.writePrivate(keyFile(dataDir), PemFiles.privateKeyPem(pair.getPrivate()));
        PemFiles.writePublic(certificateFile(dataDir), PemFiles.pem(certificate));
        return new OperatorCa(certificate, pair.getPrivate());
    }

    /** {@code admin/ca/ca.crt} of {@code dataDir}. */
    public static Path certificateFile(Path dataDir) {
        return dataDir.resolve("admin").resolve("ca").resolve("ca.crt");
    }

    /** {@code admin/ca/ca.key} of {@code dataDir}. */
    public static Path keyFile(Path dataDir) {
        return dataDir.resolve("admin").resolve("ca").resolve("ca.key");
    }

    /** SHA-256 of the DER certificate, lowercase hex. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Whether the CA key is on this machine (operator certificates can be issued here). */
    public boolean canIssue() {
        return key != null;
    }

    /** Issues a client certificate for {@code operator}, valid for {@code validity}, to a fresh key. */
    public OperatorCredential issue(Operator operator, Duration validity) throws GeneralSecurityException {
        return issue(OperatorCertificates.subject(operator), validity);
    }

    /** Issues a client certificate with any subject (tests use it for subjects naming no valid operator). */
    OperatorCredential issue(X500Name subject, Duration validity) throws GeneralSecurityException {
        if (key == null) {
            throw new IllegalStateException("the operator CA key (admin/ca/ca.key) is not on this machine; "
                    + "issue operator certificates where it is kept");
        }
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)),
                    subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            return new OperatorCredential(sign(b, key), pair.getPrivate(), certificate);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the operator certificate", e);
        }
    }

    public X509Certificate certificate() { return certificate; }

    /** A trust store holding only this CA, for the admin listener. */
    public KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("operator-ca", certificate);
        return ks;
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(
                    "SHA256withECDSA").setProvider(Providers.bouncyCastle()).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign", e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), Providers.random());
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(1, Providers.randomBytes(16));
    }

    @Override
    public String toString() {
        return "OperatorCa[" + certificate.getSubjectX500Principal() + "]";
    }
}
