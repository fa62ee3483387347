package io.imprint.server.http;

import io.imprint.server.attest.Attestations;
import io.imprint.server.attest.Challenges;
import io.imprint.server.attest.Receipts;
import io.imprint.server.ratelimit.RateLimiter;
import io.imprint.server.tls.ServerCertificate;
import io.imprint.server.tls.TlsJavalin;
import io.javalin.Javalin;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** The running HTTPS (TLS 1.3 only) device API listener. */
public final class DeviceListener implements AutoCloseable {
    private final Javalin app;
    private final ServerCertificate certificate;
    private final int port;

    private DeviceListener(Javalin app, ServerCertificate certificate, int port) {
        this.app = app;
        this.certificate = certificate;
        this.port = port;
    }

    /** Starts the listener on {@code host:port} (port 0 = ephemeral), admitting requests through {@code limiter}. */
    public static DeviceListener start(String host, int port, ServerCertificate certificate, Challenges challenges,
                                       Attestations attestations, Receipts receipts, RateLimiter limiter) {
        char[] password = new char[0];
        KeyStore keyStore;
        try {
            keyStore = certificate.keyStore(password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the server certificate into a key store", e);
        }
        TlsJavalin started = TlsJavalin.start("device listener", keyStore, null, host, port,
                cfg -> DeviceRouting.routing(cfg, challenges, attestations, receipts, limiter));
        return new DeviceListener(started.app(), certificate, started.port());
    }

    /** The bound port. */
    public int port() { return port; }

    /** SHA-256 fingerprint of the server certificate (lowercase hex of the DER), for pinning. */
    public String fingerprint() { return certificate.fingerprint(); }

    public String certificatePem() { return certificate.certificatePem(); }

    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
