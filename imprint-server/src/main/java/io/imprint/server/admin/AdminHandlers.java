package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.reports.ReportQuery;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Admin API handlers: parse, call {@link AdminService} as the request's operator, render JSON. */
final class AdminHandlers {
    private static final int DEFAULT_EVENTS = 100;
    private final AdminService service;
    private final AdminJson json;

    AdminHandlers(AdminService service, AdminJson json) {
        this.service = service;
        this.json = json;
    }

    void products(Context ctx) {
        render(ctx, service.products(who(ctx)));
    }

    void enroll(Context ctx) {
        ctx.status(201);
        render(ctx, service.enroll(who(ctx), json.read(ctx.bodyAsBytes(), EnrollRequest.class)));
    }

    void orders(Context ctx) {
        render(ctx, service.orders(who(ctx), ctx.queryParam("product")));
    }

    void order(Context ctx) {
        render(ctx, service.order(who(ctx), ctx.pathParam("name")));
    }

    void createOrder(Context ctx) {
        ctx.status(201);
        render(ctx, service.createOrder(who(ctx), json.read(ctx.bodyAsBytes(), OrderRequest.class)));
    }

    void closeOrder(Context ctx) {
        render(ctx, service.closeOrder(who(ctx), ctx.pathParam("name")));
    }

    void report(Context ctx) {
        ReportQuery q = new ReportQuery(ctx.queryParam("order"), ctx.queryParam("cm"), ctx.queryParam("product"),
                instant(ctx, "from"), instant(ctx, "to"));
        render(ctx, service.report(who(ctx), q));
    }

    void events(Context ctx) {
        String limit = ctx.queryParam("limit");
        int n;
        try {
            n = limit == null ? DEFAULT_EVENTS : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "limit must be a number");
        }
        render(ctx, service.events(who(ctx), ctx.queryParam("product"), n));
    }

    private static Operator who(Context ctx) {
        return ctx.attribute(AdminRouting.OPERATOR);
    }

    private static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, name + " must be an ISO-8601 instant");
        }
    }

    private void render(Context ctx, Object body) {
        ctx.contentType("application/json");
        ctx.result(json.write(body));
    }
}
