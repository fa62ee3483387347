package io.imprint.server.policy;

import io.imprint.protocol.crypto.PinnedTrustManager;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Trust for the decision hook: the given CA certificates (PKIX, host name checked) or the certificate with the configured SHA-256 fingerprint. */
final class HookTrust {
    private HookTrust() {
    }

    static TrustManager of(HookSettings s) throws GeneralSecurityException {
        if (s.fingerprintSha256() != null) {
            return new PinnedTrustManager(HexFormat.of().parseHex(s.fingerprintSha256()));
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        try {
            anchors.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(s.caPem().getBytes(StandardCharsets.US_ASCII)))) {
            anchors.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(anchors);
        return f.getTrustManagers()[0];
    }
}
