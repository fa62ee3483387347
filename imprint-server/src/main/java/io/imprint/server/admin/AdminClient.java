package io.imprint.server.admin;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditExportFile;
import io.imprint.server.audit.AuditLog;
import io.imprint.server.audit.AuditTamperException;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.orders.VerifiedReconciliation;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportQuery;
import io.imprint.protocol.crypto.PinnedTrustManager;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
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
    private static final int MAX_PROBLEM = 64 * 1024;
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    public AdminClient(URI server, OperatorCredential operator, String serverFingerprint) throws GeneralSecurityException,
            IOException {
        if (serverFingerprint == null || !serverFingerprint.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("--server-fingerprint must be the server certificate's SHA-256 (64 hex characters)");
        }
        char[] none = new char[0];
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(operator.keyStore(none), none);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(kmf.getKeyManagers(), new TrustManager[] {new PinnedTrustManager(HexFormat.of().parseHex(
                serverFingerprint.toLowerCase(java.util.Locale.ROOT)))}, null);
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {"TLSv1.3"});
        this.http = HttpClient.newBuilder().sslContext(ssl).sslParameters(params).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = URI.create(server.toString().replaceAll("/+$", "") + "/");
    }

    @Override public List<ProductView> products() { return get("products", list(ProductView.class)); }

    @Override public ProductView enroll(EnrollRequest request) { return post("products", request, type(ProductView.class)); }

    @Override public ProductView acceptMethod(String product, String method) {
        return post("products/" + encode(product) + "/methods", new MethodRequest(method), type(ProductView.class));
    }

    @Override public ProductView refuseMethod(String product, String method) {
        return delete("products/" + encode(product) + "/methods/" + encode(method), type(ProductView.class));
    }

    @Override public List<TrustRootView> trustRoots(String product) {
        return get("products/" + encode(product) + "/trust-roots", list(TrustRootView.class));
    }

    @Override public List<TrustRootView> addTrustRoots(String product, TrustRootRequest request) {
        return post("products/" + encode(product) + "/trust-roots", request, list(TrustRootView.class));
    }

    @Override public List<TrustRootView> removeTrustRoot(String product, String method, String fingerprint) {
        return delete("products/" + encode(product) + "/trust-roots/" + encode(method) + "/" + encode(fingerprint),
                list(TrustRootView.class));
    }

    @Override public List<OrderView> orders(String product) {
        return get("orders" + query(Map.of("product", product == null ? "" : product)), list(OrderView.class));
    }

    @Override public OrderView order(String name) { return get("orders/" + encode(name), type(OrderView.class)); }

    @Override public OrderView createOrder(OrderRequest request) { return post("orders", request, type(OrderView.class)); }

    @Override public ProductView setPolicy(String product, PolicyRequest policy) {
        return send(json(HttpRequest.newBuilder(path("products/" + encode(product) + "/policy")), "PUT", policy),
                type(ProductView.class));
    }

    @Override public OrderView openOrder(String name) { return change(name, "open", Map.of()); }

    @Override public OrderView suspendOrder(String name) { return change(name, "suspend", Map.of()); }

    @Override public OrderView resumeOrder(String name) { return change(name, "resume", Map.of()); }

    @Override public OrderView resizeOrder(String name, long quantity) {
        return change(name, "resize", Map.of("quantity", quantity));
    }

    /** Verifies the reconciliation's signature here, with the audit key it names. */
    @Override public VerifiedReconciliation closeOrder(String name) {
        return this.<SignedReconciliation>post("orders/" + encode(name) + "/close", Map.of(),
                type(SignedReconciliation.class)).verify();
    }

    @Override public VerifiedReconciliation reconciliation(String name) {
        return this.<SignedReconciliation>get("orders/" + encode(name) + "/reconciliation",
                type(SignedReconciliation.class)).verify();
    }

    @Override public ReprovisionView authorizeReprovision(ReprovisionRequest request) {
        return post("units/reprovision-authorizations", request, type(ReprovisionView.class));
    }

    @Override public Report report(ReportQuery q) {
        return get("reports" + query(q.describe()), type(Report.class));
    }

    @Override public List<EventView> events(String product, int limit) {
        return get("events" + query(Map.of("product", product == null ? "" : product, "limit",
                Integer.toString(limit))), list(EventView.class));
    }

    /** Streams the export into {@code out} as it arrives, parsing it on the way (no verification). */
    @Override public AuditLog exportAudit(Writer out) {
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(path("audit/export"))
                    .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                if (r.statusCode() / 100 != 2) {
                    throw problem(body.readNBytes(MAX_PROBLEM));
                }
                return AuditExportFile.read(new CopyingReader(new InputStreamReader(body, StandardCharsets.UTF_8), out));
            }
        } catch (AuditTamperException e) {
            throw new IllegalStateException("the server's audit export is malformed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("admin API at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override public AuditVerification verifyAudit() { return get("audit/verify", type(AuditVerification.class)); }

    @Override public CheckpointView checkpoint() { return post("audit/checkpoint", Map.of(), type(CheckpointView.class)); }

    private OrderView change(String name, String verb, Map<String, Object> body) {
        return post("orders/" + encode(name) + "/" + verb, body, type(OrderView.class));
    }

    private URI path(String path) {
        return base.resolve("admin/v1/" + path);
    }

    private <T> T get(String path, JavaType type) {
        return send(HttpRequest.newBuilder(path(path)).GET(), type);
    }

    private <T> T delete(String path, JavaType type) {
        return send(HttpRequest.newBuilder(path(path)).DELETE(), type);
    }

    private <T> T post(String path, Object body, JavaType type) {
        return send(json(HttpRequest.newBuilder(path(path)), "POST", body), type);
    }

    private HttpRequest.Builder json(HttpRequest.Builder request, String method, Object body) {
        try {
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the request", e);
        }
    }

    private <T> T send(HttpRequest.Builder request, JavaType type) {
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw problem(r.body());
            }
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("admin API at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The server's problem document as an exception that carries its correlation id. */
    private ImprintException problem(byte[] body) throws IOException {
        Problem p = json.readValue(body, Problem.class);
        ProblemCode code = ProblemCode.fromSlug(p.code());
        return ImprintException.received(code, p.detail() == null ? code.title() : p.detail(), p.correlationId());
    }

    /** A reader that also writes every character it reads to {@code copy}. */
    private static final class CopyingReader extends FilterReader {
        private final Writer copy;

        CopyingReader(Reader in, Writer copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                copy.write(c);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                copy.write(buf, off, n);
            }
            return n;
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
