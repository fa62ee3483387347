package io.imprint.server.console;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.admin.AdminRouting;
import io.imprint.server.admin.Operator;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The admin listener's browser protections: security headers on every response, and a refusal of every
 * state-changing request a browser sends from another site (a browser presents the operator's client
 * certificate to any site that asks, so mTLS alone does not stop cross-site requests). Console forms
 * also carry a {@link CsrfTokens} token.
 */
final class ConsoleSecurity {
    /**
     * Referrers never leave the listener; {@code same-origin} (not {@code no-referrer}) because with
     * {@code no-referrer} Chromium sends {@code Origin: null} on the console's own form posts.
     */
    static final String REFERRER_POLICY = "same-origin";
    /** Scripts and styles only from this listener, nothing inline, no framing, forms only to itself. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", REFERRER_POLICY,
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()",
            "Strict-Transport-Security", "max-age=31536000",
            "Cache-Control", "no-store");

    private ConsoleSecurity() {
    }

    static void headers(Context ctx) {
        HEADERS.forEach(ctx::header);
    }

    /**
     * Refuses what another site makes a browser send: a POST/PUT/DELETE marked cross-site or same-site by
     * {@code Sec-Fetch-Site}, or whose {@code Origin} is not this listener ({@code null} included); and a
     * GET another site embeds or fetches (cross-site and not a top-level navigation, so a link from a SIEM
     * to an event page still opens). Clients other than browsers (the CLI) send none of these headers.
     */
    static void sameOrigin(Context ctx, ConsoleService console) {
        String method = ctx.method().name();
        String site = ctx.header("Sec-Fetch-Site");
        boolean foreignSite = site != null && !site.equals("same-origin") && !site.equals("none");
        boolean refused;
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            refused = foreignSite && !"navigate".equals(ctx.header("Sec-Fetch-Mode"));
        } else {
            String origin = ctx.header("Origin");
            String host = ctx.header("Host");
            refused = foreignSite || origin != null && (host == null || !origin.equals("https://" + host));
        }
        if (refused) {
            ImprintException e = new ImprintException(ProblemCode.FORBIDDEN,
                    "cross-site request refused: use the listener's own pages");
            Operator who = AdminRouting.operatorOf(ctx);
            if (who != null) {
                console.admin().recordRefusal(who, "request.cross-site", Map.of("route", method + " " + ctx.path(),
                        "origin", String.valueOf(ctx.header("Origin")), "site", String.valueOf(site)), e);
            }
            throw e;
        }
    }

    /** Refuses a console form without this operator's CSRF token. */
    static void csrf(Context ctx, ConsoleService console, Operator who) {
        if (!console.csrf().valid(who, ctx.formParam("csrf"))) {
            ImprintException e = new ImprintException(ProblemCode.FORBIDDEN,
                    "missing or wrong CSRF token: submit the form of the console's own page");
            console.admin().recordRefusal(who, "request.csrf", Map.of("route", "POST " + ctx.path()), e);
            throw e;
        }
    }
}
