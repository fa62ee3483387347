package io.imprint.server.console;

import io.imprint.server.admin.AdminRouting;
import io.imprint.server.admin.Operator;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Routes of the console on the admin listener ({@code /console/...}): pages (GET, recorded reads), live
 * fragments and chart data (GET, polled by console.js), action confirmation pages (GET) and the actions
 * (POST with the CSRF token). The operator is the one the listener's before-handler took from the client
 * certificate; every call is authorized in {@link ConsoleService} or {@link io.imprint.server.admin.AdminService}.
 */
public final class ConsoleRouting {
    private ConsoleRouting() {
    }

    /** Installs the console; call before the admin API's own handlers (the headers go on every response). */
    public static void install(JavalinConfig cfg, ConsoleService console) {
        String b = Layout.BASE;
        ConsolePages pages = new ConsolePages(console);
        ConsoleActions actions = new ConsoleActions(console);
        Assets assets = new Assets();
        cfg.routes.before(ConsoleSecurity::headers);
        cfg.routes.beforeMatched(ctx -> ConsoleSecurity.sameOrigin(ctx, console));
        cfg.routes.get(b, ctx -> ctx.redirect(b + "/orders", HttpStatus.SEE_OTHER));
        cfg.routes.get(b + "/", ctx -> ctx.redirect(b + "/orders", HttpStatus.SEE_OTHER));
        cfg.routes.get(b + "/assets/{file}", assets::serve);
        cfg.routes.get(b + "/orders", pages::orders);
        cfg.routes.get(b + "/rates.json", pages::allRates);
        cfg.routes.get(b + "/orders/{name}", pages::order);
        cfg.routes.get(b + "/orders/{name}/rates.json", pages::rates);
        cfg.routes.get(b + "/alerts", pages::alerts);
        cfg.routes.get(b + "/events", pages::correlated);
        cfg.routes.get(b + "/events/{id}", pages::event);
        cfg.routes.get(b + "/events/{id}/audit", pages::eventAudit);
        cfg.routes.get(b + "/units", pages::units);
        cfg.routes.get(b + "/units/{chip}", pages::unit);
        cfg.routes.get(b + "/audit", pages::audit);
        cfg.routes.get(b + "/audit/entries/{seq}", pages::auditEntry);
        cfg.routes.get(b + "/offline", pages::offline);
        cfg.routes.get(b + "/live/orders", pages::liveOrders);
        cfg.routes.get(b + "/live/orders/{name}", pages::liveOrder);
        cfg.routes.get(b + "/live/alerts", pages::liveAlerts);
        cfg.routes.get(b + "/live/clones", pages::liveClones);
        for (String a : new String[] {"suspend", "resume", "resize"}) {
            cfg.routes.get(b + "/orders/{name}/" + a, ctx -> actions.confirmOrder(ctx, a));
            cfg.routes.post(b + "/orders/{name}/" + a, ctx -> actions.order(ctx, a));
        }
        cfg.routes.get(b + "/units/{chip}/reprovision", actions::confirmReprovision);
        cfg.routes.post(b + "/units/{chip}/reprovision", actions::reprovision);
        cfg.routes.post(b + "/audit/verify", pages::verify);
    }

    static Operator who(Context ctx) {
        return AdminRouting.operatorOf(ctx);
    }

    static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(page);
    }
}
