package io.imprint.server.issuance;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/** A product's certificate authority: signs the device certificates of that product. Never prints its key. */
public final class ProductCa {
    private final String product;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String certificatePem;

    ProductCa(String product, PrivateKey key, X509Certificate certificate) {
        this.product = product;
        this.key = key;
        this.certificate = certificate;
        this.certificatePem = PemFiles.pem(certificate);
    }

    public String product() { return product; }

    public X509Certificate certificate() { return certificate; }

    public String certificatePem() { return certificatePem; }

    public byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    PrivateKey key() { return key; }

    @Override
    public String toString() {
        return "ProductCa[" + product + ", " + certificate.getSubjectX500Principal().getName() + "]";
    }
}
