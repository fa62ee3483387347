package io.imprint.server.http;

import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.store.StoreUnavailable;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become RFC 9457 {@code application/problem+json}. Every problem gets a
 * correlation id, sent in the body and the {@code X-Correlation-Id} header and logged; unexpected
 * exceptions become {@code internal} with no exception text on the wire, except a store that is
 * briefly unavailable: {@code unavailable} (503) with {@code Retry-After}.
 */
public final class Problems {
    static final String HANDLED = "imprint.problem";
    /** Seconds a client waits before sending a request answered 503 {@code unavailable} again. */
    static final String RETRY_AFTER_SECONDS = "2";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private final Json json;

    public Problems(Json json) {
        this.json = json;
    }

    public void imprint(ImprintException e, Context ctx) {
        render(ctx, e.code(), e.detail(), e.code() == ProblemCode.UNAVAILABLE ? e : null);
    }

    public void http(HttpResponseException e, Context ctx) {
        ProblemCode code = switch (e.getStatus()) {
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 413 -> ProblemCode.REQUEST_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            default -> e.getStatus() >= 400 && e.getStatus() < 500 ? ProblemCode.MALFORMED_REQUEST
                    : ProblemCode.INTERNAL;
        };
        render(ctx, code, code.title(), null);
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
        render(ctx, code, "no such resource: " + ctx.method() + " " + ctx.path(), null);
    }

    private void render(Context ctx, ProblemCode code, String detail, Exception cause) {
        String correlation = HexFormat.of().formatHex(Providers.randomBytes(8));
        if (cause != null) {
            LOG.error("{} {} -> {} [{}]", ctx.method(), ctx.path(), code.slug(), correlation, cause);
        } else {
            LOG.info("{} {} -> {} [{}]: {}", ctx.method(), ctx.path(), code.slug(), correlation, detail);
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
}
