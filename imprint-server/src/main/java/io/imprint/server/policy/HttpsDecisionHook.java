package io.imprint.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.problem.ImprintException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DecisionHook} reached by HTTPS POST with the JDK HttpClient. Only a 200 answer whose JSON
 * body is an object with {@code "decision": "allow"} allows; the whole exchange is bounded by the
 * configured timeout (the caller never waits longer), and every failure denies.
 */
public final class HttpsDecisionHook implements DecisionHook {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsDecisionHook.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER = 4096;
    private final HookSettings settings;
    private final HttpClient client;

    public HttpsDecisionHook(HookSettings settings) {
        this.settings = settings;
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new javax.net.ssl.TrustManager[] {HookTrust.of(settings)}, Providers.random());
            this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(settings.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the decision hook", e);
        }
    }

    @Override
    public void allow(HookClaims claims) {
        CompletableFuture<HttpResponse<byte[]>> answer;
        try {
            HttpRequest request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(claims))).build();
            answer = client.sendAsync(request, BoundedBody.upTo(MAX_ANSWER));
        } catch (Exception e) {
            throw refused("error", e);
        }
        HttpResponse<byte[]> response;
        try {
            response = answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw refused("timeout", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused("error", e);
        } catch (Exception e) {
            throw refused(e.getCause() instanceof java.net.http.HttpTimeoutException ? "timeout" : "error", e);
        }
        if (response.statusCode() != 200) {
            throw refused("error", new IllegalStateException("HTTP " + response.statusCode()));
        }
        if (!explicitAllow(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            throw refused("denied", null);
        }
    }

    private static boolean explicitAllow(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() && node.path("decision").isTextual()
                    && "allow".equals(node.path("decision").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private ImprintException refused(String why, Exception cause) {
        LOG.warn("decision hook {} refused: {} ({})", settings.url(), why, cause == null ? "answer" : cause.toString());
        return ProductPolicy.violation("decision hook: " + why);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    @Override
    public String toString() {
        return "HttpsDecisionHook[" + settings.url() + "]";
    }
}
