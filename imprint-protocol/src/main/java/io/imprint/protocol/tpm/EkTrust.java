package io.imprint.protocol.tpm;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TPM-vendor trust of one product: self-signed vendor roots, and the vendors' intermediate CAs
 * (real EK certificates are issued by an intermediate the TPM does not carry). Verifies an EK
 * certificate by PKIX path building to a root (no revocation: vendors publish no CRLs a factory
 * could reach) and that the EK public area the device sent is the certified key.
 */
public final class EkTrust {
    /** No EK certificate we accept is larger (real ones are 1 to 1.5 KiB). */
    public static final int MAX_CERTIFICATE_BYTES = 4096;

    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final List<X509Certificate> intermediates = new ArrayList<>();

    /** Trust in {@code certificates}: self-signed ones become roots, the rest intermediates. */
    public EkTrust(List<X509Certificate> certificates) throws GeneralSecurityException {
        for (X509Certificate c : certificates) {
            if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && selfSigned(c)) {
                anchors.add(new TrustAnchor(c, null));
            } else {
                intermediates.add(c);
            }
        }
        if (anchors.isEmpty()) {
            throw new InvalidKeyException("no self-signed TPM vendor root among the trust certificates");
        }
    }

    /**
     * Verifies {@code certificateDer} (DER, no trailing bytes) at {@code at} and that
     * {@code ekPublic} is its key and an endorsement key; throws when either fails.
     */
    public VerifiedEk verify(byte[] certificateDer, TpmPublic ekPublic, Instant at) throws GeneralSecurityException {
        X509Certificate ek = parse(certificateDer);
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(ek);
        PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        List<X509Certificate> store = new ArrayList<>(intermediates);
        store.add(ek);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
        try {
            CertPathBuilder.getInstance("PKIX").build(params);
        } catch (CertPathBuilderException e) {
            throw new CertificateException("the EK certificate does not chain to a trusted TPM vendor root", e);
        }
        if (!ekPublic.sameKeyAs(ek.getPublicKey())) {
            throw new InvalidKeyException("the EK public area is not the key of the EK certificate");
        }
        AttestationKeyRules.requireEndorsementKey(ekPublic);
        byte[] chipId = MessageDigest.getInstance("SHA-256").digest(ek.getPublicKey().getEncoded());
        return new VerifiedEk(ekPublic, ek, chipId);
    }

    /** Parses one DER certificate of at most {@link #MAX_CERTIFICATE_BYTES}, refusing trailing bytes. */
    public static X509Certificate parse(byte[] der) throws CertificateException {
        if (der == null || der.length == 0 || der.length > MAX_CERTIFICATE_BYTES) {
            throw new CertificateException("an EK certificate must be 1.." + MAX_CERTIFICATE_BYTES + " bytes of DER");
        }
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        if (!MessageDigest.isEqual(c.getEncoded(), der)) {
            throw new CertificateException("the EK certificate is not exactly one DER certificate");
        }
        return c;
    }

    private static boolean selfSigned(X509Certificate c) {
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
