package io.imprint.server.admin;

import io.imprint.server.http.Json;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.reports.ReportQuery;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Admin API handlers: parse, call {@link AdminService} as the request's operator, render JSON. */
final class AdminHandlers {
    /** Content type of the audit export (JSON lines). */
    static final String JSON_LINES = "application/jsonl";
    private static final int DEFAULT_EVENTS = 100;
    private final AdminService service;
    private final Json json;

    AdminHandlers(AdminService service, Json json) {
        this.service = service;
        this.json = json;
    }

    /** The body of {@code POST /orders/{name}/resize}. */
    record Quantity(long quantity) {
    }

    void products(Context ctx) {
        render(ctx, service.products(who(ctx)));
    }

    void enroll(Context ctx) {
        ctx.status(201);
        render(ctx, service.enroll(who(ctx), json.read(ctx.bodyAsBytes(), EnrollRequest.class)));
    }

    void setPolicy(Context ctx) {
        render(ctx, service.setPolicy(who(ctx), ctx.pathParam("name"), json.read(ctx.bodyAsBytes(), PolicyRequest.class)));
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

    void openOrder(Context ctx) {
        render(ctx, service.openOrder(who(ctx), ctx.pathParam("name")));
    }

    void suspendOrder(Context ctx) {
        render(ctx, service.suspendOrder(who(ctx), ctx.pathParam("name")));
    }

    void resumeOrder(Context ctx) {
        render(ctx, service.resumeOrder(who(ctx), ctx.pathParam("name")));
    }

    void resizeOrder(Context ctx) {
        Quantity q = json.read(ctx.bodyAsBytes(), Quantity.class);
        render(ctx, service.resizeOrder(who(ctx), ctx.pathParam("name"), q.quantity()));
    }

    void closeOrder(Context ctx) {
        render(ctx, SignedReconciliation.of(service.closeOrder(who(ctx), ctx.pathParam("name")), service.auditKeyPem()));
    }

    void reconciliation(Context ctx) {
        render(ctx, SignedReconciliation.of(service.reconciliation(who(ctx), ctx.pathParam("name")),
                service.auditKeyPem()));
    }

    void authorizeReprovision(Context ctx) {
        ctx.status(201);
        render(ctx, service.authorizeReprovision(who(ctx), json.read(ctx.bodyAsBytes(), ReprovisionRequest.class)));
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

    /** Streams the export file; the auditor verifies it offline ({@code imprint audit verify --file}). */
    void exportAudit(Context ctx) throws IOException {
        ctx.contentType(JSON_LINES);
        ctx.header("Content-Disposition", "attachment; filename=\"imprint-audit.jsonl\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        service.exportAudit(who(ctx), out);
        out.flush();
    }

    void verifyAudit(Context ctx) {
        render(ctx, service.verifyAudit(who(ctx)));
    }

    void checkpoint(Context ctx) {
        render(ctx, service.checkpoint(who(ctx)));
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
