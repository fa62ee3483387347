package io.imprint.server.admin;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportQuery;
import io.imprint.server.tls.PinnedTrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * {@link AdminOperations} over the admin API: TLS 1.3 with the operator's client certificate, trusting
 * only the server certificate whose SHA-256 is pinned. Problem replies become ImprintExceptions.
 */
public final class AdminClient implements AdminOperations {
    private final HttpClient http;
    private final URI base;
    private final ObjectMapper json = new ObjectMapper();

    public AdminClient(URI server, OperatorCredential operator, String pin) throws GeneralSecurityException,
            IOException {
        if (pin == null || !pin.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("--pin must be the server certificate's SHA-256 (64 hex characters)");
        }
        char[] none = new char[0];
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(operator.keyStore(none), none);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(kmf.getKeyManagers(), new TrustManager[] {new PinnedTrustManager(HexFormat.of().parseHex(
                pin.toLowerCase(java.util.Locale.ROOT)))}, null);
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {"TLSv1.3"});
        this.http = HttpClient.newBuilder().sslContext(ssl).sslParameters(params).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = URI.create(server.toString().replaceAll("/+$", "") + "/");
    }

    @Override public List<ProductView> products() { return get("products", list(ProductView.class)); }

    @Override public ProductView enroll(EnrollRequest request) { return post("products", request, type(ProductView.class)); }

    @Override public List<OrderView> orders(String product) {
        return get("orders" + query(Map.of("product", product == null ? "" : product)), list(OrderView.class));
    }

    @Override public OrderView order(String name) { return get("orders/" + encode(name), type(OrderView.class)); }

    @Override public OrderView createOrder(OrderRequest request) { return post("orders", request, type(OrderView.class)); }

    @Override public OrderView closeOrder(String name) {
        return post("orders/" + encode(name) + "/close", Map.of(), type(OrderView.class));
    }

    @Override public Report report(ReportQuery q) {
        return get("reports" + query(q.describe()), type(Report.class));
    }

    @Override public List<EventView> events(String product, int limit) {
        return get("events" + query(Map.of("product", product == null ? "" : product, "limit",
                Integer.toString(limit))), list(EventView.class));
    }

    private <T> T get(String path, JavaType type) {
        return send(HttpRequest.newBuilder(base.resolve("admin/v1/" + path)).GET(), type);
    }

    private <T> T post(String path, Object body, JavaType type) {
        try {
            return send(HttpRequest.newBuilder(base.resolve("admin/v1/" + path)).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the request", e);
        }
    }

    private <T> T send(HttpRequest.Builder request, JavaType type) {
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                Problem p = json.readValue(r.body(), Problem.class);
                throw new ImprintException(ProblemCode.fromSlug(p.code()), p.detail());
            }
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("admin API at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JavaType type(Class<?> c) { return json.getTypeFactory().constructType(c); }

    private JavaType list(Class<?> c) { return json.getTypeFactory().constructCollectionType(List.class, c); }

    private static String query(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                j.add(encode(k) + "=" + encode(v));
            }
        });
        return j.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
