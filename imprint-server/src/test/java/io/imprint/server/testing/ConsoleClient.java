package io.imprint.server.testing;

import io.imprint.protocol.crypto.PinnedTrustManager;
import io.imprint.server.admin.OperatorCredential;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * An HTTP client of the operator console presenting one operator's certificate over TLS 1.3 (pinning the
 * server certificate), like a browser with the operator's .p12: GET pages, POST forms; never follows redirects.
 */
public final class ConsoleClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");
    private final HttpClient http;
    private final URI base;

    public ConsoleClient(URI base, OperatorCredential operator, String fingerprint) throws Exception {
        char[] none = new char[0];
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(operator.keyStore(none), none);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(kmf.getKeyManagers(), new TrustManager[] {new PinnedTrustManager(HexFormat.of().parseHex(
                fingerprint.toLowerCase(Locale.ROOT)))}, null);
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {"TLSv1.3"});
        this.http = HttpClient.newBuilder().sslContext(ssl).sslParameters(params)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
    }

    /** GETs {@code path} with extra request headers (name, value, ...). */
    public HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a form ({@code application/x-www-form-urlencoded}) with extra request headers (name, value, ...). */
    public HttpResponse<String> post(String path, Map<String, String> form, String... headers) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the form on the page at {@code path}. */
    public String csrf(String path) throws Exception {
        HttpResponse<String> page = get(path);
        Matcher m = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException(path + " has no form with a CSRF token (HTTP " + page.statusCode() + ")");
        }
        return m.group(1);
    }

    /** A form: the CSRF token and then name, value pairs. */
    public static Map<String, String> form(String csrf, String... pairs) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("csrf", csrf);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            f.put(pairs[i], pairs[i + 1]);
        }
        return f;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
