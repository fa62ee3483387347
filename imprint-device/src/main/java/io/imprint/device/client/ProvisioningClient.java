package io.imprint.device.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.PreparationRequest;
import io.imprint.protocol.message.PreparationResponse;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.message.ReceiptResponse;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device API over HTTPS (TLS 1.3 only, server trust by pin or CA file), JSON bodies.
 *
 * <p>Refusals (non-2xx) throw {@link ImprintException} with the server's problem code, detail and
 * correlation id (its message names the id, so whoever reads it can quote it to the operator);
 * they are never retried, except 429 and 503, which are retried per the {@link RetryPolicy}
 * (honouring Retry-After seconds). The attestation is not idempotent (a resent body would hit
 * {@code nonce-used}): a 503 to it is not resent but, after the Retry-After wait, thrown as
 * {@link UnavailableException}, and connection failures are retried only when no request can have
 * reached the server (connect refused or timed out); other I/O failures surface as
 * {@link IOException} so the agent can start over with a fresh challenge. TLS failures (wrong pin,
 * untrusted or misnamed certificate) are never retried. Responses larger than
 * {@value #MAX_RESPONSE_BYTES} bytes are refused.
 */
public final class ProvisioningClient implements AutoCloseable {
    public static final int MAX_RESPONSE_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningClient.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUri;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    /** A client of the server at {@code baseUri} (https), 30 s timeouts. */
    public ProvisioningClient(URI baseUri, ServerTrust trust, RetryPolicy retry) throws GeneralSecurityException {
        this(baseUri, trust, retry, DEFAULT_TIMEOUT);
    }

    /** As above with a connect and per-request timeout. */
    public ProvisioningClient(URI baseUri, ServerTrust trust, RetryPolicy retry, Duration timeout)
            throws GeneralSecurityException {
        this(baseUri, trust, retry, timeout, Sleeper.REAL);
    }

    ProvisioningClient(URI baseUri, ServerTrust trust, RetryPolicy retry, Duration timeout, Sleeper sleeper)
            throws GeneralSecurityException {
        if (!"https".equalsIgnoreCase(baseUri.getScheme()) || baseUri.getHost() == null) {
            throw new IllegalArgumentException("server URL must be https://host[:port], got " + baseUri);
        }
        String base = baseUri.toString();
        this.baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.retry = retry;
        this.timeout = timeout;
        this.sleeper = sleeper;
        SSLParameters tls = new SSLParameters();
        tls.setProtocols(new String[] {ServerTrust.TLS});
        this.http = HttpClient.newBuilder()
                .sslContext(trust.sslContext())
                .sslParameters(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Step 1: a single-use challenge for {@code product}. */
    public ChallengeResponse challenge(String product) throws IOException, InterruptedException {
        return call(DeviceApi.CHALLENGES, new ChallengeRequest(product), ChallengeResponse.class, true);
    }

    /** Step 2: evidence and MP signature in, sealed secrets and certificate out. */
    public ProvisioningResponse attest(AttestationRequest request) throws IOException, InterruptedException {
        return call(DeviceApi.ATTESTATIONS, request, ProvisioningResponse.class, false);
    }

    /** The optional step between challenge and attestation, for methods with an extra round trip (TPM 2.0). */
    public PreparationResponse prepare(PreparationRequest request) throws IOException, InterruptedException {
        return call(DeviceApi.PREPARATIONS, request, PreparationResponse.class, false);
    }

    /** Step 4: the signed receipt; the server answers {@code provisioned}. */
    public ReceiptResponse confirm(ReceiptRequest request) throws IOException, InterruptedException {
        return call(DeviceApi.RECEIPTS, request, ReceiptResponse.class, true);
    }

    public URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ProvisioningClient[" + baseUri + "]";
    }

    private <T> T call(String path, Object body, Class<T> type, boolean idempotent)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(timeout)
                .header("Content-Type", DeviceApi.JSON)
                .header("Accept", DeviceApi.JSON + ", " + DeviceApi.PROBLEM_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                byte[] bytes = readBounded(response);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(bytes, type, path);
                }
                if ((status == 429 || status == 503) && attempt < retry.maxAttempts()) {
                    int retryNumber = attempt;
                    wait = retryAfter(response).orElseGet(() -> retry.backoff(retryNumber, Providers.random()));
                    if (status == 503 && !idempotent) {
                        LOG.info("{} answered HTTP 503; starting over in {} ms", path, wait.toMillis());
                        sleeper.sleep(wait);
                        throw new UnavailableException("server briefly unavailable (HTTP 503) for " + path
                                + "; start over with a fresh challenge");
                    }
                    LOG.info("{} answered HTTP {}; retry {} of {} in {} ms", path, status, attempt,
                            retry.maxAttempts() - 1, wait.toMillis());
                } else {
                    throw refusal(path, status, response, bytes);
                }
            } catch (UnavailableException e) {
                throw e;
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts() || e instanceof SSLException || !(idempotent || neverSent(e))) {
                    throw e;
                }
                wait = retry.backoff(attempt, Providers.random());
                LOG.info("{} failed ({}); retry {} of {} in {} ms", path, e.toString(), attempt,
                        retry.maxAttempts() - 1, wait.toMillis());
            }
            sleeper.sleep(wait);
        }
    }

    private static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof ConnectException;
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return RetryAfter.parse(response.headers().firstValue("Retry-After"), Instant.now())
                .map(d -> retry.retryAfter((d.toMillis() + 999) / 1000));
    }

    private static byte[] readBounded(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > MAX_RESPONSE_BYTES) {
                throw tooLarge();
            }
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw tooLarge();
            }
            return bytes;
        }
    }

    private static ImprintException tooLarge() {
        return new ImprintException(ProblemCode.INTERNAL,
                "server response larger than " + MAX_RESPONSE_BYTES + " bytes refused");
    }

    private <T> T parse(byte[] bytes, Class<T> type, String path) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new ImprintException(ProblemCode.INTERNAL, "server response to " + path + " is not a valid "
                    + type.getSimpleName());
        }
    }

    private ImprintException refusal(String path, int status, HttpResponse<?> response, byte[] bytes) {
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.startsWith(DeviceApi.PROBLEM_JSON)) {
            try {
                Problem problem = json.readValue(bytes, Problem.class);
                ProblemCode code = ProblemCode.fromSlug(problem.code());
                LOG.warn("{} refused: HTTP {} {} (correlation {})", path, status, code.slug(), problem.correlationId());
                String detail = problem.detail() == null ? code.title() : problem.detail();
                return ImprintException.received(code, detail, problem.correlationId());
            } catch (IOException e) {
                LOG.warn("{} answered HTTP {} with an unreadable problem document", path, status);
            }
        }
        ProblemCode code = switch (status) {
            case 401 -> ProblemCode.UNAUTHORIZED;
            case 403 -> ProblemCode.FORBIDDEN;
            case 404 -> ProblemCode.NOT_FOUND;
            case 413 -> ProblemCode.REQUEST_TOO_LARGE;
            case 429 -> ProblemCode.RATE_LIMITED;
            case 503 -> ProblemCode.UNAVAILABLE;
            default -> ProblemCode.INTERNAL;
        };
        return new ImprintException(code, "server answered HTTP " + status + " to " + path + " without a problem document");
    }
}
