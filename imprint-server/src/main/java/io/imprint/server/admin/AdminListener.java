package io.imprint.server.admin;

import io.imprint.server.tls.ServerCertificate;
import io.imprint.server.tls.TlsJavalin;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Consumer;

/**
 * The running admin API listener: HTTPS, TLS 1.3 only, client certificates required and trusted only
 * when issued by the operator CA. Without such a certificate the TLS handshake fails.
 */
public final class AdminListener implements AutoCloseable {
    private final Javalin app;
    private final ServerCertificate certificate;
    private final int port;

    private AdminListener(Javalin app, ServerCertificate certificate, int port) {
        this.app = app;
        this.certificate = certificate;
        this.port = port;
    }

    /**
     * Starts the listener on {@code host:port} (port 0 = ephemeral); {@code more} installs further routes
     * first (the console), so its before-handlers run before the operator is resolved.
     */
    public static AdminListener start(String host, int port, ServerCertificate certificate, OperatorCa ca,
                                      AdminService service, Consumer<JavalinConfig> more) {
        KeyStore keyStore;
        KeyStore trustStore;
        try {
            keyStore = certificate.keyStore(new char[0]);
            trustStore = ca.trustStore();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the admin listener's key or trust store", e);
        }
        TlsJavalin started = TlsJavalin.start("admin listener", keyStore, trustStore, host, port,
                cfg -> {
                    more.accept(cfg);
                    AdminRouting.routing(cfg, service);
                });
        return new AdminListener(started.app(), certificate, started.port());
    }

    public int port() { return port; }

    /** SHA-256 of the server certificate (the same one the device listener serves), for pinning. */
    public String fingerprint() { return certificate.fingerprint(); }

    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
