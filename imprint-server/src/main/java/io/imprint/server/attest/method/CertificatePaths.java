package io.imprint.server.attest.method;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Certificate chains of devices (a secure element's device certificate, a TPM's EK certificate) to
 * the product's trust roots for a method: RFC 5280 path validation (PKIX) at the given instant,
 * without revocation checking (vendor roots of these parts publish no CRLs a factory can reach).
 * A chain that does not validate is {@code untrusted-device}; bytes that are not certificates are
 * {@code malformed-request}.
 */
public final class CertificatePaths {
    /** At most this many intermediate certificates between a device certificate and a root. */
    public static final int MAX_INTERMEDIATES = 4;

    private CertificatePaths() {
    }

    /** One DER certificate ({@code field} names it in the refusal). */
    public static X509Certificate certificate(String field, byte[] der) {
        List<X509Certificate> all = certificates(field, der);
        if (all.size() != 1) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, field + " must be one DER certificate");
        }
        return all.get(0);
    }

    /** Concatenated DER certificates, at most {@link #MAX_INTERMEDIATES}. */
    public static List<X509Certificate> certificates(String field, byte[] der) {
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, field + " is not DER X.509");
        }
        if (parsed.isEmpty() || parsed.size() > MAX_INTERMEDIATES) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    field + " must hold 1 to " + MAX_INTERMEDIATES + " DER certificates");
        }
        List<X509Certificate> out = new ArrayList<>();
        parsed.forEach(c -> out.add((X509Certificate) c));
        return out;
    }

    /**
     * Validates {@code leaf} (then {@code intermediates}, issuer first) up to one of {@code roots} at
     * {@code at}; a leaf with a key usage extension must allow digitalSignature.
     *
     * @param what names the leaf in the refusal, e.g. "device certificate"
     * @throws ImprintException UNTRUSTED_DEVICE when no root vouches for the chain
     */
    public static void validate(String what, X509Certificate leaf, List<X509Certificate> intermediates,
                                List<X509Certificate> roots, Instant at) {
        if (roots.isEmpty()) {
            throw untrusted("the product has no trust roots for this method, so no " + what + " is trusted");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw untrusted("the " + what + " does not allow digitalSignature");
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        roots.forEach(r -> anchors.add(new TrustAnchor(r, null)));
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        path.addAll(intermediates);
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        } catch (GeneralSecurityException e) {
            throw untrusted("the " + what + " (issuer " + leaf.getIssuerX500Principal().getName()
                    + ") does not chain to a trust root of the product for this method");
        }
    }

    private static ImprintException untrusted(String detail) {
        return new ImprintException(ProblemCode.UNTRUSTED_DEVICE, detail);
    }
}
