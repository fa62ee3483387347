package io.imprint.server.http;

import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.server.attest.Attestations;
import io.imprint.server.attest.Challenges;
import io.imprint.server.attest.Receipts;
import io.imprint.server.ratelimit.RateLimited;
import io.imprint.server.ratelimit.RateLimiter;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;

/**
 * Routes of the device listener: every request first passes the rate limiter (before any body is
 * read or any database work), then the three POSTs; everything else is a 404 problem.
 */
public final class DeviceRouting {
    private DeviceRouting() {
    }

    /** Installs the device API routes and the problem mapping into a Javalin configuration. */
    public static void routing(JavalinConfig cfg, Challenges challenges, Attestations attestations,
                               Receipts receipts, RateLimiter limiter) {
        Json json = new Json();
        Problems problems = new Problems(json);
        DeviceHandlers handlers = new DeviceHandlers(challenges, attestations, receipts, json);
        cfg.http.maxRequestSize = DeviceApi.MAX_BODY_BYTES;
        cfg.routes.before(ctx -> limiter.admit(ctx.req().getRemoteAddr()));
        cfg.routes.post(DeviceApi.CHALLENGES, handlers::challenge);
        cfg.routes.post(DeviceApi.ATTESTATIONS, handlers::attest);
        cfg.routes.post(DeviceApi.RECEIPTS, handlers::receipt);
        cfg.routes.exception(RateLimited.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            problems.imprint(e, ctx);
        });
        cfg.routes.exception(ImprintException.class, problems::imprint);
        cfg.routes.exception(HttpResponseException.class, problems::http);
        cfg.routes.exception(Exception.class, problems::unexpected);
        cfg.routes.error(404, problems::status);
        cfg.routes.error(405, problems::status);
    }
}
