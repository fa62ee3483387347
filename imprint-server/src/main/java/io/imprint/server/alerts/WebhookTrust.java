package io.imprint.server.alerts;

import io.imprint.protocol.crypto.PinnedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The HTTP client for the webhook: TLS 1.3, trusting the given CA file, the pinned certificate, or the JDK's CAs. */
final class WebhookTrust {
    private WebhookTrust() {
    }

    static HttpClient client(AlertConfig config) {
        try {
            TrustManager[] trust = null;
            if (config.fingerprint() != null) {
                trust = new TrustManager[] {new PinnedTrustManager(HexFormat.of().parseHex(config.fingerprint().toLowerCase()))};
            } else if (config.caFile() != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                try (InputStream in = Files.newInputStream(config.caFile())) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        ks.setCertificateEntry("ca-" + i++, c);
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                trust = tmf.getTrustManagers();
            }
            SSLContext ssl = SSLContext.getInstance("TLSv1.3");
            ssl.init(null, trust, null);
            SSLParameters params = new SSLParameters();
            params.setProtocols(new String[] {"TLSv1.3"});
            return HttpClient.newBuilder().sslContext(ssl).sslParameters(params).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the alert webhook: " + e.getMessage(), e);
        }
    }
}
