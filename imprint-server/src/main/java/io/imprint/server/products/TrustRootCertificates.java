package io.imprint.server.products;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Trust-root certificates as an operator gives them: PEM text of one or more CA certificates
 * (at most {@value #MAX_CERTIFICATES}, {@value #MAX_PEM_CHARS} characters), each a CA (basic
 * constraints CA:true) within its validity. Anything else is {@code malformed-request}.
 */
public final class TrustRootCertificates {
    public static final int MAX_PEM_CHARS = 64 * 1024;
    public static final int MAX_CERTIFICATES = 16;

    private TrustRootCertificates() {
    }

    /** The certificates in {@code pem}. */
    public static List<X509Certificate> parse(String pem) {
        if (pem == null || pem.isBlank() || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw malformed("a trust root must be PEM text with at least one -----BEGIN CERTIFICATE----- block");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw malformed("trust-root PEM text over " + MAX_PEM_CHARS + " characters");
        }
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw malformed("trust-root certificate does not parse as X.509");
        }
        if (parsed.isEmpty() || parsed.size() > MAX_CERTIFICATES) {
            throw malformed("a trust root holds 1 to " + MAX_CERTIFICATES + " certificates, got " + parsed.size());
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : parsed) {
            X509Certificate x = (X509Certificate) c;
            if (x.getBasicConstraints() < 0) {
                throw malformed("trust root " + x.getSubjectX500Principal().getName()
                        + " is not a CA certificate (basic constraints CA:true)");
            }
            out.add(x);
        }
        return out;
    }

    /** Lowercase hex SHA-256 of the certificate's DER. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a parsed certificate", e);
        }
    }

    /** One certificate back to PEM. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a parsed certificate", e);
        }
    }

    private static ImprintException malformed(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }
}
