package io.imprint.server.console;

import static io.imprint.server.console.ConsoleRouting.html;
import static io.imprint.server.console.ConsoleRouting.who;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.admin.Operator;
import io.imprint.server.admin.ReprovisionRequest;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * The oem-admin actions: a confirmation page (GET; another role is refused and recorded) and the action
 * (POST with the CSRF token), performed by {@link io.imprint.server.admin.AdminService} exactly as the
 * admin API performs it: same role check, same audit entry, same events.
 */
final class ConsoleActions {
    private final ConsoleService console;

    ConsoleActions(ConsoleService console) {
        this.console = console;
    }

    void confirmOrder(Context ctx, String action) {
        Operator who = who(ctx);
        console.requireAdmin(who, "GET " + ctx.path());
        html(ctx, ActionPages.order(console, who, console.order(who, ctx.pathParam("name"), true).order(), action));
    }

    void order(Context ctx, String action) {
        Operator who = who(ctx);
        ConsoleSecurity.csrf(ctx, console, who);
        String name = ctx.pathParam("name");
        switch (action) {
            case "suspend" -> console.admin().suspendOrder(who, name);
            case "resume" -> console.admin().resumeOrder(who, name);
            default -> console.admin().resizeOrder(who, name, quantity(ctx, who, name));
        }
        ctx.redirect(Layout.BASE + "/orders/" + Html.url(name) + "?done=" + action, HttpStatus.SEE_OTHER);
    }

    void confirmReprovision(Context ctx) {
        Operator who = who(ctx);
        console.requireAdmin(who, "GET " + ctx.path());
        ConsoleService.UnitHistory u = console.unit(who, ctx.pathParam("chip"));
        if (u.unit() == null) {
            throw new ImprintException(ProblemCode.NOT_FOUND, "chip " + u.chip() + " was never provisioned");
        }
        html(ctx, ActionPages.reprovision(console, who, u.unit()));
    }

    void reprovision(Context ctx) {
        Operator who = who(ctx);
        ConsoleSecurity.csrf(ctx, console, who);
        console.requireAdmin(who, "POST " + ctx.path());
        ConsoleService.UnitHistory u = console.unit(who, ctx.pathParam("chip"));
        if (u.unit() == null) {
            throw new ImprintException(ProblemCode.NOT_FOUND, "chip " + u.chip() + " was never provisioned");
        }
        console.admin().authorizeReprovision(who, new ReprovisionRequest(u.unit().product(), u.chip(),
                ctx.formParam("reason")));
        ctx.redirect(Layout.BASE + "/units/" + Html.url(u.chip()) + "?done=reprovision", HttpStatus.SEE_OTHER);
    }

    private long quantity(Context ctx, Operator who, String order) {
        String q = ctx.formParam("quantity");
        try {
            return Long.parseLong(q == null ? "" : q.strip());
        } catch (NumberFormatException e) {
            ImprintException problem = new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "quantity must be a whole number");
            console.admin().recordRefusal(who, "orders.resize", Map.of("order", String.valueOf(order),
                    "quantity", String.valueOf(q)), problem);
            throw problem;
        }
    }
}
