package io.imprint.server.console;

import static io.imprint.server.console.ConsoleRouting.html;
import static io.imprint.server.console.ConsoleRouting.who;

import io.imprint.protocol.problem.AlertClass;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.admin.Operator;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/** GET handlers of the console: whole pages, live fragments and chart data. */
final class ConsolePages {
    private final ConsoleService console;

    ConsolePages(ConsoleService console) {
        this.console = console;
    }

    void orders(Context ctx) {
        html(ctx, OrdersPage.list(who(ctx), console.orders(who(ctx), true)));
    }

    void order(Context ctx) {
        Operator who = who(ctx);
        html(ctx, OrdersPage.order(who, console.order(who, ctx.pathParam("name"), true),
                ActionPages.done(ctx.queryParam("done"))));
    }

    /** {@code {"t":[epoch seconds], "provisioned":[...], "refused":[...]}} for the uPlot chart. */
    void rates(Context ctx) {
        json(ctx, console.rates(who(ctx), ctx.pathParam("name")));
    }

    /** The same over every order the operator may see. */
    void allRates(Context ctx) {
        json(ctx, console.rates(who(ctx)));
    }

    private static void json(Context ctx, List<ProductionQueries.Minute> minutes) {
        StringBuilder t = new StringBuilder();
        StringBuilder ok = new StringBuilder();
        StringBuilder refused = new StringBuilder();
        for (ProductionQueries.Minute m : minutes) {
            String sep = t.isEmpty() ? "" : ",";
            t.append(sep).append(m.epochSecond());
            ok.append(sep).append(m.provisioned());
            refused.append(sep).append(m.refused());
        }
        ctx.contentType("application/json");
        ctx.result("{\"t\":[" + t + "],\"provisioned\":[" + ok + "],\"refused\":[" + refused + "]}");
    }

    void alerts(Context ctx) {
        Operator who = who(ctx);
        AlertClass filter = alertClass(ctx);
        html(ctx, AlertsPage.page(who, filter, console.alerts(who, filter, true), console.cloneGroups(who)));
    }

    void event(Context ctx) {
        html(ctx, AlertsPage.event(who(ctx), console.event(who(ctx), ctx.pathParam("id"))));
    }

    void correlated(Context ctx) {
        String id = ctx.queryParam("correlation");
        html(ctx, AlertsPage.correlated(who(ctx), id, console.correlated(who(ctx), id)));
    }

    void eventAudit(Context ctx) {
        long seq = console.eventEntry(who(ctx), ctx.pathParam("id"));
        ctx.redirect(Layout.BASE + "/audit/entries/" + seq, HttpStatus.SEE_OTHER);
    }

    void units(Context ctx) {
        Operator who = who(ctx);
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            html(ctx, UnitsPage.search(who, null, List.of(), List.of()));
            return;
        }
        html(ctx, UnitsPage.search(who, q, console.findUnits(who, q), console.chipsInEvents(who, q)));
    }

    void unit(Context ctx) {
        html(ctx, UnitsPage.unit(who(ctx), console.unit(who(ctx), ctx.pathParam("chip")),
                ActionPages.done(ctx.queryParam("done"))));
    }

    void audit(Context ctx) {
        html(ctx, AuditPage.page(console, who(ctx), console.auditHead(who(ctx), true), null));
    }

    /** Runs the store verification (as the CLI's {@code audit verify --server}) and shows the page with it. */
    void verify(Context ctx) {
        Operator who = who(ctx);
        ConsoleSecurity.csrf(ctx, console, who);
        var verified = console.verifyAudit(who);
        html(ctx, AuditPage.page(console, who, console.auditHead(who, false), verified));
    }

    void auditEntry(Context ctx) {
        long seq;
        try {
            seq = Long.parseLong(ctx.pathParam("seq"));
        } catch (NumberFormatException e) {
            throw new ImprintException(ProblemCode.NOT_FOUND, "no audit entry " + ctx.pathParam("seq"));
        }
        html(ctx, AuditPage.entry(who(ctx), console.auditEntry(who(ctx), seq)));
    }

    void offline(Context ctx) {
        Operator who = who(ctx);
        html(ctx, OfflinePage.page(who, console.bundles(who, true), console.verdicts(who)));
    }

    void liveOrders(Context ctx) {
        Html h = new Html();
        OrdersPage.table(h, console.orders(who(ctx), false));
        html(ctx, h.toString());
    }

    void liveOrder(Context ctx) {
        Html h = new Html();
        OrdersPage.summary(h, console.order(who(ctx), ctx.pathParam("name"), false));
        html(ctx, h.toString());
    }

    void liveAlerts(Context ctx) {
        Html h = new Html();
        AlertsPage.feed(h, who(ctx), console.alerts(who(ctx), alertClass(ctx), false));
        html(ctx, h.toString());
    }

    void liveClones(Context ctx) {
        Html h = new Html();
        AlertsPage.clones(h, console.cloneGroups(who(ctx)));
        html(ctx, h.toString());
    }

    private static AlertClass alertClass(Context ctx) {
        String slug = ctx.queryParam("class");
        if (slug == null || slug.equals("all")) {
            return null;
        }
        for (AlertClass c : AlertClass.values()) {
            if (c != AlertClass.NONE && Rows.slug(c).equals(slug)) {
                return c;
            }
        }
        throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "unknown alert class");
    }
}
