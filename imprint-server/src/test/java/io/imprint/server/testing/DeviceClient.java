package io.imprint.server.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.message.ReceiptResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** A device-API client over real TLS 1.3 that trusts exactly the given server certificate. */
public final class DeviceClient {
    private final HttpClient http;
    private final URI base;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public DeviceClient(String host, int port, String serverCertificatePem) throws GeneralSecurityException,
            IOException {
        this(host, port, serverCertificatePem, null);
    }

    /** As above, connecting from {@code localAddress} (e.g. 127.0.0.2: another client address on loopback). */
    public DeviceClient(String host, int port, String serverCertificatePem, InetAddress localAddress)
            throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(serverCertificatePem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(null, tmf.getTrustManagers(), null);
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {"TLSv1.3"});
        HttpClient.Builder builder = HttpClient.newBuilder().sslContext(ssl).sslParameters(params)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (localAddress != null) {
            builder.localAddress(localAddress);
        }
        this.http = builder.build();
        this.base = URI.create("https://" + host + ":" + port);
    }

    /** A response: status, raw body and content type. */
    public record Reply(int status, String contentType, String body) {
    }

    public Reply post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    public Reply get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** The whole response (headers included) to a JSON POST. */
    public HttpResponse<String> exchange(String path, Object message) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", DeviceApi.JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(message))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code Retry-After} header the server sends with a JSON POST's answer, or null. */
    public String retryAfter(String path, Object message) throws IOException, InterruptedException {
        return exchange(path, message).headers().firstValue("Retry-After").orElse(null);
    }

    public Reply postJson(String path, Object message) throws IOException, InterruptedException {
        return post(path, DeviceApi.JSON, json.writeValueAsBytes(message));
    }

    public ChallengeResponse challenge(String product) throws IOException, InterruptedException {
        return expect(postJson(DeviceApi.CHALLENGES, new ChallengeRequest(product)), ChallengeResponse.class);
    }

    public Reply attest(AttestationRequest request) throws IOException, InterruptedException {
        return postJson(DeviceApi.ATTESTATIONS, request);
    }

    public ProvisioningResponse provisioning(Reply reply) throws IOException {
        return expect(reply, ProvisioningResponse.class);
    }

    public Reply receipt(ReceiptRequest request) throws IOException, InterruptedException {
        return postJson(DeviceApi.RECEIPTS, request);
    }

    public ReceiptResponse receiptResponse(Reply reply) throws IOException {
        return expect(reply, ReceiptResponse.class);
    }

    /** The problem document of a refused reply. */
    public Problem problem(Reply reply) throws IOException {
        if (!reply.contentType().startsWith(DeviceApi.PROBLEM_JSON)) {
            throw new IOException("not a problem reply: " + reply.status() + " " + reply.contentType());
        }
        return json.readValue(reply.body(), Problem.class);
    }

    private <T> T expect(Reply reply, Class<T> type) throws IOException {
        if (reply.status() != 200) {
            throw new IOException("expected 200, got " + reply.status() + ": " + reply.body());
        }
        return json.readValue(reply.body(), type);
    }
}
