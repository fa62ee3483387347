package io.imprint.server.http;

import io.imprint.protocol.message.DeviceApi;
import io.imprint.server.attest.Attestations;
import io.imprint.server.attest.Challenges;
import io.imprint.server.attest.Receipts;
import io.imprint.server.ratelimit.RateLimited;
import io.imprint.server.ratelimit.RateLimiter;
import io.javalin.config.JavalinConfig;

/**
 * Routes of the device listener: every request first passes the rate limiter (before any body is
 * read or any database work), then the four POSTs; other methods a 405 problem, other paths a 404
 * problem.
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
        cfg.routes.post(DeviceApi.PREPARATIONS, handlers::prepare);
        cfg.routes.post(DeviceApi.ATTESTATIONS, handlers::attest);
        cfg.routes.post(DeviceApi.RECEIPTS, handlers::receipt);
        cfg.routes.exception(RateLimited.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            problems.imprint(e, ctx);
        });
        problems.install(cfg);
    }
}
