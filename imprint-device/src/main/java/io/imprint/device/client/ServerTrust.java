package io.imprint.device.client;

import io.imprint.protocol.crypto.PinnedTrustManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the device decides it talks to the real server: a pinned certificate fingerprint, or a CA
 * file with normal PKIX path validation and hostname verification. TLS 1.3 only.
 */
public final class ServerTrust {
    static final String TLS = "TLSv1.3";
    private static final long MAX_CA_FILE_BYTES = 1024 * 1024;

    private final String description;
    private final TrustManager trustManager;

    private ServerTrust(String description, TrustManager trustManager) {
        this.description = description;
        this.trustManager = trustManager;
    }

    /**
     * Trusts only the server certificate whose DER SHA-256 is {@code sha256Hex} (64 hex digits;
     * colons, spaces and case ignored). No hostname check: the pin names the certificate.
     */
    public static ServerTrust pinned(String sha256Hex) {
        String hex = sha256Hex.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the server fingerprint must be a SHA-256: 64 hex digits, colons allowed");
        }
        return new ServerTrust("pinned SHA-256 " + hex, new PinnedTrustManager(HexFormat.of().parseHex(hex)));
    }

    /** Trusts servers whose chain leads to a certificate in the PEM file, with hostname verification. */
    public static ServerTrust caFile(Path pem) throws IOException, GeneralSecurityException {
        if (Files.size(pem) > MAX_CA_FILE_BYTES) {
            throw new IOException("CA file " + pem + " is larger than 1 MiB");
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in CA file " + pem);
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            anchors.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        return new ServerTrust("CA file " + pem, tmf.getTrustManagers()[0]);
    }

    /** A fresh TLS 1.3 context that trusts per this policy. */
    SSLContext sslContext() throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance(TLS);
        ctx.init(null, new TrustManager[] {trustManager}, io.imprint.protocol.crypto.Providers.random());
        return ctx;
    }

    @Override
    public String toString() {
        return "ServerTrust[" + description + "]";
    }
}
