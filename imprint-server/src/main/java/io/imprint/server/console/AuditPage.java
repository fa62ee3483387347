package io.imprint.server.console;

import io.imprint.server.admin.AuditVerification;
import io.imprint.server.admin.Operator;

/** The Audit page: chain head, newest checkpoint, "verify now", and one entry's page. */
final class AuditPage {
    private AuditPage() {
    }

    static String page(ConsoleService console, Operator who, RecordQueries.AuditHead head,
                       AuditVerification verified) {
        return Layout.page(who, "Audit trail", "/audit", h -> {
            h.raw("<section id=\"audit-head\" data-testid=\"audit-head\" aria-label=\"Chain head\"><dl class=\"facts\">");
            h.el("dt", "Entries (head seq)").el("dd", head.seq(), "id", "audit-seq");
            h.el("dt", "Head hash").raw("<dd><code id=\"audit-hash\">").text(head.hash()).raw("</code></dd>");
            h.el("dt", "Checkpoints").el("dd", head.checkpoints(), "id", "audit-checkpoints");
            h.el("dt", "Last checkpoint").el("dd", head.checkpointSeq() == null ? "none yet"
                    : "covers entry " + head.checkpointSeq() + ", signed " + Layout.time(head.checkpointSignedAt()),
                    "id", "audit-last-checkpoint");
            h.raw("</dl>");
            if (head.seq() > 0) {
                h.raw("<p>").link(Layout.BASE + "/audit/entries/" + head.seq(), "Newest entry", "id", "audit-newest")
                        .raw("</p>");
            }
            h.raw("</section><section aria-labelledby=\"verify-h\"><h2 id=\"verify-h\">Verify</h2>"
                    + "<p>Checks every entry's hash chain and every checkpoint signature with the server's audit key, "
                    + "as <code>imprint audit verify --server</code> does.</p>");
            h.raw("<form method=\"post\" action=\"" + Layout.BASE + "/audit/verify\" id=\"verify-form\">");
            Layout.csrf(h, console, who);
            h.raw("<button type=\"submit\" id=\"verify-now\" data-testid=\"verify-now\">Verify now</button></form>");
            if (verified != null) {
                h.el("p", verified.summary(), "id", "verify-result", "data-testid", "verify-result", "role", "status",
                        "data-outcome", verified.outcome(), "class", verified.verified() ? "ok" : "alarm");
            }
            h.raw("</section>");
        });
    }

    static String entry(Operator who, RecordQueries.Entry e) {
        return Layout.page(who, "Audit entry " + e.seq(), "/audit", h -> {
            h.raw("<dl class=\"facts\" id=\"audit-entry\" data-testid=\"audit-entry\">");
            h.el("dt", "Seq").el("dd", e.seq(), "id", "entry-seq");
            h.el("dt", "Recorded").el("dd", Layout.time(e.recorded()));
            h.el("dt", "Kind").el("dd", e.kind(), "id", "entry-kind");
            h.el("dt", "Actor").el("dd", e.actor(), "id", "entry-actor");
            h.el("dt", "Payload").raw("<dd><pre id=\"entry-payload\">").text(e.payload()).raw("</pre></dd>");
            h.el("dt", "Previous hash").raw("<dd><code>").text(e.prevHash()).raw("</code></dd>");
            h.el("dt", "Entry hash").raw("<dd><code>").text(e.hash()).raw("</code></dd>");
            h.raw("</dl><p>");
            if (e.seq() > 1) {
                h.link(Layout.BASE + "/audit/entries/" + (e.seq() - 1), "Previous entry", "id", "entry-previous");
            }
            h.raw("</p>");
        });
    }
}
