package io.imprint.server.admin;

import io.imprint.server.http.Problems;

import io.imprint.server.http.Json;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Routes of the admin listener. A before-handler turns the TLS-verified client certificate into an
 * {@link Operator} once per request; every route names the roles it allows (checked again, with the
 * cm-operator's own-CM filter, in {@link AdminService}).
 */
public final class AdminRouting {
    public static final String BASE = "/admin/v1";
    static final String OPERATOR = "imprint.operator";
    private static final int MAX_BODY = 64 * 1024;
    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> READERS = EnumSet.of(Role.OEM_ADMIN, Role.AUDITOR);
    private static final Set<Role> ADMIN = EnumSet.of(Role.OEM_ADMIN);

    private AdminRouting() {
    }

    /** Installs the admin routes and the problem mapping into a Javalin configuration. */
    public static void routing(JavalinConfig cfg, AdminService service) {
        Json json = new Json();
        Problems problems = new Problems(json);
        AdminHandlers h = new AdminHandlers(service, json);
        cfg.http.maxRequestSize = MAX_BODY;
        cfg.routes.before(ctx -> ctx.attribute(OPERATOR, operator(ctx, service)));
        cfg.routes.get(BASE + "/products", allow(service, READERS, h::products));
        cfg.routes.post(BASE + "/products", allow(service, ADMIN, h::enroll));
        cfg.routes.put(BASE + "/products/{name}/policy", allow(service, ADMIN, h::setPolicy));
        cfg.routes.get(BASE + "/orders", allow(service, ALL, h::orders));
        cfg.routes.get(BASE + "/orders/{name}", allow(service, ALL, h::order));
        cfg.routes.post(BASE + "/orders", allow(service, ADMIN, h::createOrder));
        cfg.routes.post(BASE + "/orders/{name}/open", allow(service, ADMIN, h::openOrder));
        cfg.routes.post(BASE + "/orders/{name}/suspend", allow(service, ADMIN, h::suspendOrder));
        cfg.routes.post(BASE + "/orders/{name}/resume", allow(service, ADMIN, h::resumeOrder));
        cfg.routes.post(BASE + "/orders/{name}/resize", allow(service, ADMIN, h::resizeOrder));
        cfg.routes.post(BASE + "/orders/{name}/close", allow(service, ADMIN, h::closeOrder));
        cfg.routes.get(BASE + "/orders/{name}/reconciliation", allow(service, ALL, h::reconciliation));
        cfg.routes.post(BASE + "/units/reprovision-authorizations", allow(service, ADMIN, h::authorizeReprovision));
        cfg.routes.get(BASE + "/reports", allow(service, ALL, h::report));
        cfg.routes.get(BASE + "/events", allow(service, READERS, h::events));
        cfg.routes.get(BASE + "/audit/export", allow(service, READERS, h::exportAudit));
        cfg.routes.get(BASE + "/audit/verify", allow(service, READERS, h::verifyAudit));
        cfg.routes.post(BASE + "/audit/checkpoint", allow(service, ADMIN, h::checkpoint));
        problems.install(cfg);
    }

    /**
     * The operator the TLS-verified client certificate names. A missing certificate or one naming no valid
     * operator is recorded ({@code auth.refused}, actor = the certificate subject) and refused.
     */
    static Operator operator(Context ctx, AdminService service) {
        Object certs = ctx.req().getAttribute("jakarta.servlet.request.X509Certificate");
        String route = ctx.method() + " " + ctx.path();
        if (!(certs instanceof X509Certificate[] chain) || chain.length == 0) {
            ImprintException e = new ImprintException(ProblemCode.UNAUTHORIZED,
                    "a client certificate from the operator CA is required");
            service.authRefused(null, route, e);
            throw e;
        }
        try {
            return OperatorCertificates.operator(chain[0]);
        } catch (ImprintException e) {
            service.authRefused(chain[0].getSubjectX500Principal().getName(), route, e);
            throw e;
        }
    }

    /** The operator of this request (set by the listener's before-handler), or null. */
    public static Operator operatorOf(Context ctx) {
        return ctx.attribute(OPERATOR);
    }

    /** The route's role list; a refusal is recorded by {@link AdminService#refuse} like any other call. */
    private static Handler allow(AdminService service, Set<Role> roles, Handler handler) {
        return ctx -> {
            Operator who = ctx.attribute(OPERATOR);
            if (who == null) {
                throw new ImprintException(ProblemCode.UNAUTHORIZED, "a client certificate from the operator CA is required");
            }
            if (!roles.contains(who.role())) {
                service.refuse(who, ctx.method() + " " + ctx.path());
            }
            handler.handle(ctx);
        };
    }
}
