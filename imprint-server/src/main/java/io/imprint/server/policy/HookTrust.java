package io.imprint.server.policy;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Trust for the decision hook: the given CA certificates (PKIX, host name checked) or a pinned certificate. */
final class HookTrust {
    private HookTrust() {
    }

    static TrustManager of(HookSettings s) throws GeneralSecurityException {
        if (s.pinSha256() != null) {
            return new Pinned(HexFormat.of().parseHex(s.pinSha256()));
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

    /** Accepts exactly the server certificate whose DER SHA-256 is the pin (compared in constant time). */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final byte[] pin;

        Pinned(byte[] pin) {
            this.pin = pin;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no server certificate");
            }
            try {
                byte[] actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
                if (!MessageDigest.isEqual(actual, pin)) {
                    throw new CertificateException("decision hook certificate does not match the pin");
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { check(chain); }
        @Override public void checkServerTrusted(X509Certificate[] chain, String a, Socket s) throws CertificateException { check(chain); }
        @Override public void checkServerTrusted(X509Certificate[] chain, String a, SSLEngine e) throws CertificateException { check(chain); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String a) throws CertificateException { throw new CertificateException("server side only"); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String a, Socket s) throws CertificateException { throw new CertificateException("server side only"); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String a, SSLEngine e) throws CertificateException { throw new CertificateException("server side only"); }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
