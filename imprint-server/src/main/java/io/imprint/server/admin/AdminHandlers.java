package io.imprint.server.admin;

import io.imprint.server.http.Json;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.reports.ReportQuery;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/**
 * Admin API handlers: parse, call {@link AdminService} as the request's operator, render JSON. A body or
 * query that does not parse is recorded ({@code request.malformed}) before it is refused.
 */
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
        render(ctx, service.enroll(who(ctx), body(ctx, EnrollRequest.class)));
    }

    void setPolicy(Context ctx) {
        render(ctx, service.setPolicy(who(ctx), ctx.pathParam("name"), body(ctx, PolicyRequest.class)));
    }

    void acceptMethod(Context ctx) {
        render(ctx, service.acceptMethod(who(ctx), ctx.pathParam("name"), body(ctx, MethodRequest.class)));
    }

    void refuseMethod(Context ctx) {
        render(ctx, service.refuseMethod(who(ctx), ctx.pathParam("name"), ctx.pathParam("method")));
    }

    void trustRoots(Context ctx) {
        render(ctx, service.trustRoots(who(ctx), ctx.pathParam("name")));
    }

    void addTrustRoots(Context ctx) {
        ctx.status(201);
        render(ctx, service.addTrustRoots(who(ctx), ctx.pathParam("name"), body(ctx, TrustRootRequest.class)));
    }

    void removeTrustRoot(Context ctx) {
        render(ctx, service.removeTrustRoot(who(ctx), ctx.pathParam("name"), ctx.pathParam("method"),
                ctx.pathParam("fingerprint")));
    }

    void orders(Context ctx) {
        render(ctx, service.orders(who(ctx), ctx.queryParam("product")));
    }

    void order(Context ctx) {
        render(ctx, service.order(who(ctx), ctx.pathParam("name")));
    }

    void createOrder(Context ctx) {
        ctx.status(201);
        render(ctx, service.createOrder(who(ctx), body(ctx, OrderRequest.class)));
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
        Quantity q = body(ctx, Quantity.class);
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
        render(ctx, service.authorizeReprovision(who(ctx), body(ctx, ReprovisionRequest.class)));
    }

    void report(Context ctx) {
        ReportQuery q = parsed(ctx, () -> new ReportQuery(ctx.queryParam("order"), ctx.queryParam("cm"),
                ctx.queryParam("product"), instant(ctx, "from"), instant(ctx, "to")));
        render(ctx, service.report(who(ctx), q));
    }

    void events(Context ctx) {
        int n = parsed(ctx, () -> {
            String limit = ctx.queryParam("limit");
            try {
                return limit == null ? DEFAULT_EVENTS : Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, limit.matches("\\d{1,100}")
                        ? "limit " + limit + " is too large" : "limit must be a whole number, got '" + limit + "'");
            }
        });
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

    /** The JSON body as {@code type}; an unreadable, over-size or malformed body is recorded, then refused. */
    private <T> T body(Context ctx, Class<T> type) {
        return parsed(ctx, () -> json.read(ctx.bodyAsBytes(), type));
    }

    /**
     * Runs {@code parser} over the request; a failure is recorded as {@code request.malformed} (route, raw
     * query, problem) before it is rethrown, so even a request that never reaches the service is audited.
     */
    private <T> T parsed(Context ctx, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ImprintException e) {
            service.malformed(who(ctx), ctx.method() + " " + ctx.path(), ctx.queryString(), e);
            throw e;
        } catch (HttpResponseException e) {
            ImprintException problem = new ImprintException(e.getStatus() == 413 ? ProblemCode.REQUEST_TOO_LARGE
                    : ProblemCode.MALFORMED_REQUEST, "request body cannot be read (HTTP " + e.getStatus() + ")");
            service.malformed(who(ctx), ctx.method() + " " + ctx.path(), ctx.queryString(), problem);
            throw problem;
        }
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
