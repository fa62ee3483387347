package io.imprint.device.agent;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The issued certificate chain: PEM from the wire, parsed and bounded, device certificate first. */
record CertificateChain(List<X509Certificate> certificates, List<byte[]> der) {
    static final int MAX_CERTIFICATES = 8;
    static final int MAX_PEM_CHARS = 16 * 1024;

    CertificateChain {
        certificates = List.copyOf(certificates);
        der = der.stream().map(byte[]::clone).toList();
    }

    static CertificateChain parse(List<String> pems) throws GeneralSecurityException {
        if (pems == null || pems.isEmpty() || pems.size() > MAX_CERTIFICATES) {
            throw new CertificateException("certificate chain must hold 1-" + MAX_CERTIFICATES + " certificates");
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new ArrayList<>();
        List<byte[]> der = new ArrayList<>();
        for (String pem : pems) {
            if (pem == null || pem.length() > MAX_PEM_CHARS) {
                throw new CertificateException("certificate missing or larger than " + MAX_PEM_CHARS + " characters");
            }
            X509Certificate c = (X509Certificate) cf.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            certs.add(c);
            der.add(c.getEncoded());
        }
        return new CertificateChain(certs, der);
    }

    X509Certificate leaf() {
        return certificates.get(0);
    }

    /** The chain as concatenated PEM, the form kept in the secure store. */
    byte[] toPem() throws GeneralSecurityException {
        StringBuilder sb = new StringBuilder();
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] d : der) {
            sb.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(d)).append("\n-----END CERTIFICATE-----\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
