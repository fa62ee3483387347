package io.imprint.server.tls;

import java.security.KeyStore;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The one way Imprint's listeners speak TLS: TLS 1.3 only, HTTP/1.1, optionally client certificates required. */
public final class TlsConnectors {
    private TlsConnectors() {
    }

    /**
     * A TLS 1.3 connector serving {@code keyStore}'s certificate on {@code host:port}. With a
     * {@code clientTrust} store, every client must present a certificate issued by one of its
     * anchors (mTLS); with null, clients are not asked for one.
     */
    public static Connector tls13(Server server, HttpConfiguration base, KeyStore keyStore, KeyStore clientTrust,
                                  String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keyStore);
        ssl.setKeyStorePassword("");
        if (clientTrust != null) {
            ssl.setTrustStore(clientTrust);
            ssl.setNeedClientAuth(true);
        }
        ssl.setIncludeProtocols("TLSv1.3");
        ssl.setSniRequired(false);
        HttpConfiguration https = new HttpConfiguration(base);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
