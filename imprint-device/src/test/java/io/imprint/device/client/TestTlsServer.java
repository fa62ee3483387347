package io.imprint.device.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.imprint.protocol.crypto.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real HTTPS server on 127.0.0.1 with a self-signed EC certificate; each POST is answered by a script
 * (a {@code null} reply drops the connection unanswered).
 */
public final class TestTlsServer implements AutoCloseable {
    /** One scripted answer. */
    public record Reply(int status, String contentType, String body, String retryAfter) {
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, null);
        }

        public static Reply problem(int status, String code, String detail) {
            return new Reply(status, "application/problem+json", "{\"type\":\"https://imprint.dev/problems/" + code
                    + "\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code
                    + "\",\"correlationId\":\"c-1\"}", null);
        }
    }

    /** A request as the server saw it. */
    public record Seen(String path, String body) {
    }

    private final HttpsServer server;
    private final X509Certificate certificate;
    private final CopyOnWriteArrayList<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Function<Seen, Reply> script = s -> Reply.json(200, "{}");

    public TestTlsServer(String dnsOrIpSan) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        Instant now = Instant.now();
        GeneralName san = dnsOrIpSan.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, dnsOrIpSan)
                : new GeneralName(GeneralName.dNSName, dnsOrIpSan);
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=imprint test server"),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=imprint test server"), pair.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bouncyCastle()).build(pair.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", pair.getPrivate(), "pw".toCharArray(), new X509Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", this::handle);
        server.start();
    }

    public void script(Function<Seen, Reply> next) {
        this.script = next;
    }

    public URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    public String fingerprint() throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    public Path writePem(Path dir) throws Exception {
        Path file = dir.resolve("server-ca.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    public java.util.List<Seen> seen() {
        return seen;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Seen request = new Seen(exchange.getRequestURI().getPath(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            seen.add(request);
            Reply reply = script.apply(request);
            if (reply == null) {
                return; // drop the connection without an answer: a lost response
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            if (reply.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
