package io.imprint.server.tls;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.security.KeyStore;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * Starts a Javalin app whose only connector is a TLS 1.3 one ({@link TlsConnectors}); both listeners
 * (device API, admin API) start this way and refuse to run with any other connector. Stopping one
 * drains it: no new connections, requests in flight get up to {@link #DRAIN} to finish.
 *
 * @param app the started app
 * @param port the bound port (useful when 0 was asked for)
 */
public record TlsJavalin(Javalin app, int port) {
    /** How long a stopping listener waits for requests in flight. */
    public static final Duration DRAIN = Duration.ofSeconds(10);

    public static TlsJavalin start(String name, KeyStore keyStore, KeyStore clientTrust, String host, int port,
                                   Consumer<JavalinConfig> routes) {
        Javalin app;
        try {
            app = create(keyStore, clientTrust, host, port, routes).start();
        } catch (RuntimeException e) {
            throw bindFailure(name, host, port, e);
        }
        int bound = -1;
        for (Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc && sc.getDefaultConnectionFactory() instanceof SslConnectionFactory) {
                bound = sc.getLocalPort();
            } else {
                app.stop();
                throw new IllegalStateException("the " + name + " must have only its TLS connector");
            }
        }
        return new TlsJavalin(app, bound);
    }

    private static Javalin create(KeyStore keyStore, KeyStore clientTrust, String host, int port,
                                  Consumer<JavalinConfig> routes) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            cfg.jetty.modifyServer(server -> {
                // On stop: refuse new connections, let requests in flight finish (bounded), then close.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(DRAIN.toMillis());
            });
            cfg.jetty.addConnector((server, httpConfig) ->
                    TlsConnectors.tls13(server, httpConfig, keyStore, clientTrust, host, port));
            routes.accept(cfg);
        });
    }

    /**
     * Says why a listener could not bind, in one line: Javalin reports every bind failure as "Port
     * already in use", also an address that is not this machine's.
     */
    static RuntimeException bindFailure(String name, String host, int port, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException bind) {
                String why = bind.getMessage() != null && bind.getMessage().contains("assign requested address")
                        ? host + " is not an address of this machine (use 0.0.0.0 for every interface, or one of its own addresses)"
                        : "port " + port + " is already in use by another process (choose another with --port / --admin-port)";
                return new IllegalStateException("the " + name + " cannot listen on " + host + ":" + port + ": " + why, e);
            }
        }
        return e;
    }
}
