package io.imprint.server.http;

import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.Attempt;
import io.javalin.config.JavalinConfig;
import io.imprint.server.store.StoreUnavailable;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become RFC 9457 {@code application/problem+json}. Every request gets one
 * correlation id, sent in the problem body and the {@code X-Correlation-Id} header, stored on the
 * request's event and alert, and logged: each refusal is one WARN line with its code, correlation id,
 * method and path, and the product, chip and serial when known (never secrets). Unexpected exceptions
 * become {@code internal} with no exception text on the wire (logged at ERROR with the stack trace),
 * except a store that is briefly unavailable: {@code unavailable} (503) with {@code Retry-After}.
 */
public final class Problems {
    static final String HANDLED = "imprint.problem";
    static final String CORRELATION = "imprint.correlation";
    static final String ATTEMPT = "imprint.attempt";
    /** Seconds a client waits before sending a request answered 503 {@code unavailable} again. */
    static final String RETRY_AFTER_SECONDS = "2";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final int MAX_LOGGED_PATH = 128;
    private final Json json;

    public Problems(Json json) {
        this.json = json;
    }

    /**
     * Installs the problem mapping on a listener: domain refusals, Javalin's HTTP errors, unknown paths
     * (404) and methods (405, with the route's methods in {@code Allow}), unexpected exceptions, and the
     * errors Jetty raises before routing (broken request line, URI or headers too large).
     */
    public void install(JavalinConfig cfg) {
        cfg.http.prefer405over404 = true;
        cfg.routes.exception(ImprintException.class, this::imprint);
        cfg.routes.exception(HttpResponseException.class, this::http);
        cfg.routes.exception(Exception.class, this::unexpected);
        cfg.routes.error(404, this::status);
        cfg.routes.error(405, this::status);
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems(json)));
    }

    /** The correlation id of this request, made on first use. */
    public static String correlationId(Context ctx) {
        String id = ctx.attribute(CORRELATION);
        if (id == null) {
            id = newCorrelationId();
            ctx.attribute(CORRELATION, id);
        }
        return id;
    }

    /** The attempt of this device request: its event and its log line share the request's correlation id. */
    static Attempt attempt(Context ctx) {
        Attempt attempt = ctx.attribute(ATTEMPT);
        if (attempt == null) {
            attempt = new Attempt().correlationId(correlationId(ctx));
            ctx.attribute(ATTEMPT, attempt);
        }
        return attempt;
    }

    static String newCorrelationId() {
        return HexFormat.of().formatHex(Providers.randomBytes(8));
    }

    public void imprint(ImprintException e, Context ctx) {
        render(ctx, e.code(), e.detail(), e.code() == ProblemCode.UNAVAILABLE ? e : null);
    }

    public void http(HttpResponseException e, Context ctx) {
        ProblemCode code = JettyProblems.codeFor(e.getStatus());
        String detail = code == ProblemCode.NOT_FOUND ? noSuchResource(ctx) : code.title();
        String allowed = e.getDetails().getOrDefault("availableMethods", e.getDetails().get("Available methods"));
        if (code == ProblemCode.METHOD_NOT_ALLOWED) {
            detail = ctx.method() + " is not allowed on " + printable(ctx.path())
                    + (allowed == null ? "" : "; allowed: " + allowed);
            if (allowed != null) {
                ctx.header("Allow", allowed);
            }
        }
        render(ctx, code, detail, null);
    }

    public void unexpected(Exception e, Context ctx) {
        if (e instanceof StoreUnavailable) {
            render(ctx, ProblemCode.UNAVAILABLE, "the store is briefly unavailable; retry in "
                    + RETRY_AFTER_SECONDS + " s", e);
            return;
        }
        render(ctx, ProblemCode.INTERNAL, "internal error; quote the correlation id to the operator", e);
    }

    /** For statuses no handler produced (unknown paths and methods). */
    public void status(Context ctx) {
        if (ctx.attribute(HANDLED) != null) {
            return;
        }
        ProblemCode code = ctx.statusCode() == 405 ? ProblemCode.METHOD_NOT_ALLOWED : ProblemCode.NOT_FOUND;
        render(ctx, code, noSuchResource(ctx), null);
    }

    private static String noSuchResource(Context ctx) {
        return "no such resource: " + ctx.method() + " " + printable(ctx.path());
    }

    private void render(Context ctx, ProblemCode code, String detail, Exception cause) {
        String correlation = correlationId(ctx);
        String request = ctx.method() + " " + printable(ctx.path());
        if (cause != null && code == ProblemCode.INTERNAL) {
            LOG.error("{} {} -> {} [{}]", ctx.method(), printable(ctx.path()), code.slug(), correlation, cause);
        } else {
            // A transient store fault (unavailable) is a refusal with its cause, not an error with a stack trace.
            LOG.warn("refused {} [correlation {}] {}{}: {}{}", code.slug(), correlation, request,
                    known(ctx.attribute(ATTEMPT)), detail, cause == null ? "" : " (" + cause + ")");
        }
        Problem problem = new Problem(code.type().toString(), code.title(), code.httpStatus(), detail, code.slug(),
                correlation);
        ctx.attribute(HANDLED, Boolean.TRUE);
        ctx.status(code.httpStatus());
        ctx.header("X-Correlation-Id", correlation);
        if (code == ProblemCode.UNAVAILABLE) {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        ctx.contentType(DeviceApi.PROBLEM_JSON);
        ctx.result(json.write(problem));
    }

    /** " product=... chip=... serial=..." for what the attempt knows (identifiers only, never secrets). */
    private static String known(Attempt attempt) {
        if (attempt == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        if (attempt.product() != null) {
            s.append(" product=").append(attempt.product());
        }
        if (attempt.chipId() != null) {
            s.append(" chip=").append(attempt.chipId());
        }
        if (attempt.serial() != null) {
            s.append(" serial=").append(attempt.serial());
        }
        return s.toString();
    }

    /** A client-chosen path, cut short and with control characters replaced, for details and logs. */
    static String printable(String path) {
        String p = path == null ? "" : path;
        String cut = p.length() > MAX_LOGGED_PATH ? p.substring(0, MAX_LOGGED_PATH) + "..." : p;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
