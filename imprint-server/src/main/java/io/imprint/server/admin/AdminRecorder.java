package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditContext;
import io.imprint.server.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs admin calls with their {@link AdminAudit} record. A change's {@code ok} entry is written by the
 * domain service inside the change's own transaction (through an {@link AuditContext}), so a change
 * never commits without its entry; a read's entry, and every refusal or failure, is written in its
 * own transaction after the call. Detail values are cut at {@value #MAX_DETAIL} characters.
 */
final class AdminRecorder {
    static final int MAX_DETAIL = 256;
    private final Database db;
    private final AdminAudit audit;

    AdminRecorder(Database db, AdminAudit audit) {
        this.db = db;
        this.audit = audit;
    }

    /** A call that changes nothing: recorded after it ran (ok) or failed. */
    <T> T read(Operator who, String action, Map<String, String> details, Supplier<T> work) {
        Map<String, String> d = bounded(details);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            failed(AdminActor.of(who), action, d, e);
            throw e;
        }
        record(AdminActor.of(who), action, d, "ok");
        return result;
    }

    /**
     * A state change: {@code work} hands the context to the domain service, which writes the {@code ok}
     * entry in the change's transaction; a refusal or failure is recorded in its own transaction.
     */
    <T> T change(Operator who, String action, Map<String, String> details, Function<AuditContext, T> work) {
        Map<String, String> d = bounded(details);
        AdminActor actor = AdminActor.of(who);
        AuditContext context = new AuditContext() {
            @Override
            public String actor() {
                return who.name();
            }

            @Override
            public void committing(Connection c) throws SQLException {
                audit.record(c, actor, action, d, "ok");
            }
        };
        try {
            return work.apply(context);
        } catch (RuntimeException e) {
            failed(actor, action, d, e);
            throw e;
        }
    }

    /** Records a refused or failed call whose caller may not even be an operator; rethrows nothing. */
    void failed(AdminActor who, String action, Map<String, String> details, RuntimeException cause) {
        String outcome = cause instanceof ImprintException ie ? ie.code().slug() : ProblemCode.INTERNAL.slug();
        try {
            record(who, action, bounded(details), outcome);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void record(AdminActor who, String action, Map<String, String> details, String outcome) {
        db.transaction(c -> {
            audit.record(c, who, action, details, outcome);
            return null;
        });
    }

    private static Map<String, String> bounded(Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>();
        details.forEach((k, v) -> {
            if (v != null) {
                all.put(k, v.length() <= MAX_DETAIL ? v : v.substring(0, MAX_DETAIL) + "...");
            }
        });
        return all;
    }
}
