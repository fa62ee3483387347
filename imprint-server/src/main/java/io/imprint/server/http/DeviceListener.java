package io.imprint.server.http;

import io.imprint.server.attest.Attestations;
import io.imprint.server.attest.Challenges;
import io.imprint.server.attest.Receipts;
import io.imprint.server.tls.ServerCertificate;
import io.imprint.server.tls.TlsConnectors;
import io.javalin.Javalin;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;

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

    /** Starts the listener on {@code host:port} (port 0 = ephemeral). */
    public static DeviceListener start(String host, int port, ServerCertificate certificate, Challenges challenges,
                                       Attestations attestations, Receipts receipts) {
        char[] password = new char[0];
        KeyStore keyStore;
        try {
            keyStore = certificate.keyStore(password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the server certificate into a key store", e);
        }
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            cfg.jetty.addConnector((server, httpConfig) -> TlsConnectors.tls13(server, httpConfig, keyStore, null, host, port));
            DeviceRouting.routing(cfg, challenges, attestations, receipts);
        }).start();
        int bound = -1;
        for (Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc && sc.getDefaultConnectionFactory() instanceof SslConnectionFactory) {
                bound = sc.getLocalPort();
            } else {
                app.stop();
                throw new IllegalStateException("the device listener must have only its TLS connector");
            }
        }
        return new DeviceListener(app, certificate, bound);
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
