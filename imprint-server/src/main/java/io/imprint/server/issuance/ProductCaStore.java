package io.imprint.server.issuance;

import io.imprint.protocol.crypto.Providers;
import io.imprint.server.files.AtomicFiles;
import io.imprint.server.files.KeyFileException;
import io.imprint.server.files.KeyFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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
 * Product CAs as software keys in {@code <dataDir>/ca/<product>/} (key file 600), loaded once and
 * cached per product.
 */
public final class ProductCaStore {
    private static final Duration CA_VALIDITY = Duration.ofDays(365L * 30);
    private final Path root;
    private final ConcurrentHashMap<String, ProductCa> cache = new ConcurrentHashMap<>();

    public ProductCaStore(Path dataDir) {
        this.root = dataDir.resolve("ca");
    }

    /** A fresh EC P-256 CA for {@code product}, not yet saved. */
    public ProductCa generate(String product) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), Providers.random());
        KeyPair pair = g.generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, product + " Imprint product CA").addRDN(BCStyle.O, product).build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(1, Providers.randomBytes(16)), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bouncyCastle())
                            .build(pair.getPrivate())));
            return new ProductCa(product, pair.getPrivate(), cert);
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot build the product CA certificate", e);
        }
    }

    /** Writes {@code ca} to disk (key 600, each file atomically), replacing leftovers of an enrollment that never committed. */
    public void save(ProductCa ca) throws IOException {
        AtomicFiles.replace(keyFile(ca.product()), PemFiles.privateKeyPem(ca.key()).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.Access.OWNER_ONLY);
        AtomicFiles.replace(certificateFile(ca.product()), ca.certificatePem().getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.Access.PUBLIC);
        cache.put(ca.product(), ca);
    }

    /** The CA of an enrolled product, loaded from disk on first use. */
    public ProductCa get(String product) {
        return cache.computeIfAbsent(product, p -> {
            try {
                return read(p);
            } catch (KeyFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /**
     * Loads (and caches) the CA of an enrolled product, checking its files: a missing, empty or
     * malformed file, or a key that does not belong to the certificate, is a {@link KeyFileException} naming it.
     */
    public ProductCa load(String product) throws KeyFileException {
        ProductCa ca = read(product);
        cache.put(product, ca);
        return ca;
    }

    /** {@code ca/<product>/ca.key.pem}. */
    public Path keyFile(String product) {
        return root.resolve(product).resolve("ca.key.pem");
    }

    /** {@code ca/<product>/ca.cert.pem}. */
    public Path certificateFile(String product) {
        return root.resolve(product).resolve("ca.cert.pem");
    }

    private ProductCa read(String product) throws KeyFileException {
        String what = "the CA of product " + product;
        X509Certificate certificate = PemFiles.readCertificate(certificateFile(product), what);
        java.security.PrivateKey key = PemFiles.readPrivateKey(keyFile(product), what);
        if (!matches(key, certificate)) {
            throw KeyFiles.invalid(keyFile(product), "does not belong to " + certificateFile(product).getFileName(), what);
        }
        return new ProductCa(product, key, certificate);
    }

    private static boolean matches(java.security.PrivateKey key, X509Certificate certificate) {
        try {
            byte[] probe = "IMPRINT/PRODUCT-CA-PAIR-CHECK/v1".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key, Providers.random());
            s.update(probe);
            byte[] signature = s.sign();
            s.initVerify(certificate.getPublicKey());
            s.update(probe);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
