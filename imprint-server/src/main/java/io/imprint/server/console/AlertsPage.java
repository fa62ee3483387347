package io.imprint.server.console;

import io.imprint.protocol.problem.AlertClass;
import io.imprint.server.admin.Operator;
import io.imprint.server.admin.Role;
import java.util.List;

/** The Alerts page: the live feed of alert-raising refusals by class, clone suspects, and one event's page. */
final class AlertsPage {
    private AlertsPage() {
    }

    static String page(Operator who, AlertClass filter, List<ConsoleEvent> feed,
                       List<ProductionQueries.CloneGroup> clones) {
        String query = filter == null ? "" : "?class=" + Rows.slug(filter);
        return Layout.page(who, "Alerts and refusals", "/alerts", h -> {
            h.raw("<nav aria-label=\"Alert classes\" class=\"filters\"><ul>");
            filterLink(h, null, filter);
            for (AlertClass c : AlertClass.values()) {
                if (c != AlertClass.NONE) {
                    filterLink(h, c, filter);
                }
            }
            h.raw("</ul></nav>");
            h.raw("<section aria-labelledby=\"feed-h\"><h2 id=\"feed-h\">Live feed</h2>");
            h.open("div", "id", "alert-feed", "data-testid", "alert-feed", "aria-live", "polite",
                    "data-live", Layout.BASE + "/live/alerts" + query);
            feed(h, who, feed);
            h.raw("</div></section><section aria-labelledby=\"clones-h\"><h2 id=\"clones-h\">Clone suspects</h2>");
            h.open("div", "id", "clone-groups", "data-testid", "clone-groups", "data-live",
                    Layout.BASE + "/live/clones");
            clones(h, clones);
            h.raw("</div></section>");
        });
    }

    private static void filterLink(Html h, AlertClass c, AlertClass current) {
        String slug = c == null ? "all" : Rows.slug(c);
        h.raw("<li>").link(Layout.BASE + "/alerts" + (c == null ? "" : "?class=" + slug), slug, "id", "filter-" + slug,
                "aria-current", c == current ? "page" : null).raw("</li>");
    }

    /** The live fragment: newest alerts first, each linking to its unit, event, correlation id and audit entry. */
    static void feed(Html h, Operator who, List<ConsoleEvent> feed) {
        if (feed.isEmpty()) {
            h.el("p", "No alerts.", "id", "alerts-empty");
            return;
        }
        boolean audit = who.role() != Role.CM_OPERATOR;
        h.raw("<div class=\"scroll\"><table id=\"alerts-table\" data-testid=\"alerts-table\">");
        Layout.head(h, "Time", "Class", "Refusal", "Product", "Order", "Serial", "Chip", "Event", "Correlation id",
                "Audit");
        h.raw("<tbody>");
        for (ConsoleEvent e : feed) {
            h.open("tr", "data-testid", "alert-row", "data-alert-class", e.alertClass(), "data-event", e.id(),
                    "data-outcome", e.outcome());
            h.el("td", Layout.time(e.time()));
            h.raw("<td>").el("span", e.alertClass() == null ? "-" : e.alertClass(), "class",
                    e.alertClass() == null ? "badge" : "badge badge-" + e.alertClass()).raw("</td>");
            h.el("td", e.outcome()).el("td", e.product());
            h.raw("<td>");
            if (e.order() != null) {
                h.link(Layout.BASE + "/orders/" + Html.url(e.order()), e.order());
            }
            h.raw("</td>").el("td", e.serial()).raw("<td>");
            chip(h, e.chip());
            h.raw("</td><td>").link(Layout.BASE + "/events/" + Html.url(e.id()), "event", "class", "event-link")
                    .raw("</td><td>");
            correlation(h, e.correlationId());
            h.raw("</td><td>");
            if (audit) {
                h.link(Layout.BASE + "/events/" + Html.url(e.id()) + "/audit", "entry", "class", "audit-link");
            }
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }

    /** The live fragment: clone refusals grouped by serial and chip. */
    static void clones(Html h, List<ProductionQueries.CloneGroup> groups) {
        if (groups.isEmpty()) {
            h.el("p", "No clone suspects.", "id", "clones-empty");
            return;
        }
        h.raw("<div class=\"scroll\"><table id=\"clones-table\">");
        Layout.head(h, "Serial", "Chip", "Refused attempts", "Last");
        h.raw("<tbody>");
        for (ProductionQueries.CloneGroup g : groups) {
            h.open("tr", "data-testid", "clone-group", "data-serial", g.serial(), "data-chip", g.chip());
            h.raw("<td>");
            if (g.serial() != null) {
                h.link(Layout.BASE + "/units?q=" + Html.url(g.serial()), g.serial());
            }
            h.raw("</td><td>");
            chip(h, g.chip());
            h.raw("</td>").el("td", g.attempts()).el("td", Layout.time(g.last())).raw("</tr>");
        }
        h.raw("</tbody></table></div>");
    }

    /** A correlation id linking to the events of its request, or a dash. */
    static void correlation(Html h, String id) {
        if (id == null) {
            h.text("-");
        } else {
            h.raw("<code>").link(Layout.BASE + "/events?correlation=" + Html.url(id), id, "class", "correlation-link")
                    .raw("</code>");
        }
    }

    /** The events of one request, by its correlation id. */
    static String correlated(Operator who, String id, List<ConsoleEvent> events) {
        return Layout.page(who, "Request " + id, "/alerts", h -> {
            h.el("p", "Events recorded for the request with correlation id " + id
                    + " (the id in its problem document and the server's log line).");
            h.open("div", "id", "correlated", "data-testid", "correlated");
            feed(h, who, events);
            h.close("div");
        });
    }

    static void chip(Html h, String chip) {
        if (chip != null) {
            h.link(Layout.BASE + "/units/" + Html.url(chip), chip, "class", "chip");
        }
    }

    /** One event: every field, and links to its unit, order and (readers of the audit trail) audit entry. */
    static String event(Operator who, ConsoleEvent e) {
        return Layout.page(who, "Event", "/alerts", h -> {
            h.raw("<dl class=\"facts\" id=\"event\" data-testid=\"event\">");
            h.el("dt", "Id").el("dd", e.id(), "id", "event-id");
            h.el("dt", "Time").el("dd", Layout.time(e.time()));
            h.el("dt", "Outcome").el("dd", e.outcome(), "id", "event-outcome");
            h.el("dt", "Alert class").el("dd", e.alertClass() == null ? "-" : e.alertClass());
            h.el("dt", "Product").el("dd", e.product());
            h.el("dt", "Order").raw("<dd>");
            if (e.order() != null) {
                h.link(Layout.BASE + "/orders/" + Html.url(e.order()), e.order());
            }
            h.raw("</dd>").el("dt", "Serial").el("dd", e.serial()).el("dt", "Chip").raw("<dd>");
            chip(h, e.chip());
            h.raw("</dd>").el("dt", "Correlation id").raw("<dd id=\"event-correlation\">");
            correlation(h, e.correlationId());
            h.raw("</dd>");
            h.el("dt", "Detail").el("dd", e.detail(), "id", "event-detail");
            h.raw("</dl>");
            if (who.role() != Role.CM_OPERATOR) {
                h.raw("<p>").link(Layout.BASE + "/events/" + Html.url(e.id()) + "/audit", "Audit entry of this event",
                        "id", "event-audit").raw("</p>");
            }
        });
    }
}
