package io.imprint.server.tls;

import io.imprint.protocol.crypto.Providers;
import io.imprint.server.issuance.PemFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS identity of the device listener. Devices and stations pin it by its SHA-256 fingerprint
 * (lowercase hex of the DER certificate). The private key never leaves this object except into the
 * in-memory key store handed to the TLS stack.
 */
public final class ServerCertificate {
    private static final Duration VALIDITY = Duration.ofDays(365L * 10);
    private final X509Certificate certificate;
    private final PrivateKey key;

    private ServerCertificate(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /**
     * The certificate in {@code dir} ({@code server.cert.pem}, {@code server.key.pem}), generated
     * self-signed EC P-256 (written atomically, key 600) when neither file is there, with SAN DNS
     * localhost, IP 127.0.0.1 and {@code names}. One file without the other is an error naming it.
     */
    public static ServerCertificate loadOrCreate(Path dir, List<String> names) throws IOException,
            GeneralSecurityException {
        Path cert = dir.resolve("server.cert.pem");
        Path key = dir.resolve("server.key.pem");
        if (!Files.exists(cert) && !Files.exists(key)) {
            ServerCertificate fresh = generate(names);
            PemFiles.writePrivate(key, PemFiles.privateKeyPem(fresh.key));
            PemFiles.writePublic(cert, fresh.certificatePem());
        }
        return new ServerCertificate(PemFiles.readCertificate(cert, "the server's TLS certificate"),
                PemFiles.readPrivateKey(key, "the server's TLS key"));
    }

    /** An existing PEM certificate and private key ({@code --tls-cert}, {@code --tls-key}). */
    public static ServerCertificate fromPem(Path certificate, Path key) throws IOException, GeneralSecurityException {
        return new ServerCertificate(PemFiles.readCertificate(certificate, "the TLS certificate, --tls-cert"),
                PemFiles.readPrivateKey(key, "the TLS key, --tls-key"));
    }

    static ServerCertificate generate(List<String> names) throws GeneralSecurityException, IOException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), Providers.random());
        KeyPair pair = g.generateKeyPair();
        Set<String> all = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        all.addAll(names);
        List<GeneralName> sans = new ArrayList<>();
        for (String n : all) {
            boolean ip = n.matches("[0-9.]+") || n.contains(":");
            sans.add(ip ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                    : new GeneralName(GeneralName.dNSName, n));
        }
        X500Name subject = new X500Name("CN=Imprint device API");
        Instant now = Instant.now();
        try {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    subject, new BigInteger(1, Providers.randomBytes(16)), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(GeneralName[]::new)))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bouncyCastle())
                            .build(pair.getPrivate())));
            return new ServerCertificate(cert, pair.getPrivate());
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the server certificate", e);
        }
    }

    public X509Certificate certificate() { return certificate; }

    public String certificatePem() { return PemFiles.pem(certificate); }

    /** SHA-256 of the DER certificate, lowercase hex. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An in-memory PKCS#12 key store holding the key and certificate under alias {@code server}. */
    public KeyStore keyStore(char[] password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, password, new Certificate[] {certificate});
        return ks;
    }

    @Override
    public String toString() {
        return "ServerCertificate[" + fingerprint() + "]";
    }
}
