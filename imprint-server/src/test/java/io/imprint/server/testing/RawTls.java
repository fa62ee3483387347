package io.imprint.server.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Raw HTTP/1.1 over a TLS 1.3 socket, for requests no HTTP client will send (a broken request line,
 * a huge URI or header block, {@code OPTIONS *}). Trusts exactly the given server certificate.
 */
public final class RawTls {
    private static final int MAX_RESPONSE = 256 * 1024;
    private final SSLContext ssl;
    private final String host;
    private final int port;

    public RawTls(String host, int port, String serverCertificatePem, KeyManager[] clientKeys)
            throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(serverCertificatePem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        this.ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(clientKeys, tmf.getTrustManagers(), null);
        this.host = host;
        this.port = port;
    }

    /** A parsed response: status code, lowercase header names (last value wins) and the body. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** Sends {@code request} verbatim on a new connection and reads one response (to Content-Length or close). */
    public Response exchange(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Response exchange(byte[] request) throws IOException {
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(host, port)) {
            socket.setSoTimeout(20_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading everything; read what it sent.
            }
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a complete response head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else {
            body = readToClose(in);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                line(in);
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            line(in);
            if (out.size() > MAX_RESPONSE) {
                throw new IOException("response too large");
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    private static byte[] readToClose(InputStream in) throws IOException {
        try {
            return in.readNBytes(MAX_RESPONSE);
        } catch (SocketTimeoutException e) {
            return new byte[0];
        }
    }
}
