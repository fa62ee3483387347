package io.imprint.server.console;

import io.imprint.server.admin.Operator;
import io.imprint.server.admin.Role;
import java.util.List;

/** The Units page: search by serial or chip ID, and one chip's history. */
final class UnitsPage {
    private UnitsPage() {
    }

    static String search(Operator who, String query, List<RecordQueries.Unit> units, List<String> chips) {
        return Layout.page(who, "Units", "/units", h -> {
            h.raw("<form id=\"unit-search-form\" method=\"get\" action=\"" + Layout.BASE + "/units\" role=\"search\">"
                    + "<label for=\"unit-search\">Serial or chip ID</label>");
            h.open("input", "id", "unit-search", "data-testid", "unit-search", "name", "q", "type", "search",
                    "maxlength", "64", "required", "required", "value", query, "autocomplete", "off");
            h.raw("<button type=\"submit\" id=\"unit-search-submit\">Search</button></form>");
            if (query == null) {
                return;
            }
            h.raw("<section id=\"unit-results\" data-testid=\"unit-results\" aria-labelledby=\"results-h\">"
                    + "<h2 id=\"results-h\">Results</h2>");
            if (units.isEmpty() && chips.isEmpty()) {
                h.el("p", "Nothing matches " + query + ".", "id", "unit-none");
            }
            if (!units.isEmpty()) {
                h.raw("<div class=\"scroll\"><table id=\"units-table\">");
                Layout.head(h, "Chip", "Serial", "Product", "Order", "State", "Issued", "Confirmed");
                h.raw("<tbody>");
                for (RecordQueries.Unit u : units) {
                    h.open("tr", "data-testid", "unit-row", "data-chip", u.chip()).raw("<td>");
                    AlertsPage.chip(h, u.chip());
                    h.raw("</td>").el("td", u.serial()).el("td", u.product()).el("td", u.order()).el("td", u.state())
                            .el("td", Layout.time(u.created())).el("td", Layout.time(u.confirmed())).raw("</tr>");
                }
                h.raw("</tbody></table></div>");
            }
            List<String> others = chips.stream().filter(c -> units.stream().noneMatch(u -> u.chip().equals(c)))
                    .toList();
            if (!others.isEmpty()) {
                h.raw("<h3>Chips seen only in refused attempts</h3><ul id=\"refused-chips\">");
                for (String c : others) {
                    h.raw("<li>");
                    AlertsPage.chip(h, c);
                    h.raw("</li>");
                }
                h.raw("</ul>");
            }
            h.raw("</section>");
        });
    }

    static String unit(Operator who, ConsoleService.UnitHistory u, String flash) {
        return Layout.page(who, "Chip " + u.chip(), "/units", h -> {
            Layout.flash(h, flash);
            RecordQueries.Unit unit = u.unit();
            h.raw("<section id=\"unit-summary\" data-testid=\"unit-summary\" aria-label=\"Unit\">");
            if (unit == null) {
                h.el("p", "This chip never became a unit: it appears only in refused attempts.", "id", "unit-never");
            } else {
                h.raw("<dl class=\"facts\">");
                h.el("dt", "Serial").el("dd", unit.serial(), "id", "unit-serial");
                h.el("dt", "Product").el("dd", unit.product());
                h.el("dt", "Order").raw("<dd>").link(Layout.BASE + "/orders/" + Html.url(unit.order()), unit.order())
                        .raw("</dd>");
                h.el("dt", "State").el("dd", unit.state(), "id", "unit-state");
                h.el("dt", "Provisioned").el("dd", unit.offline() ? "offline (bundle)" : "over the network");
                h.el("dt", "Issued").el("dd", Layout.time(unit.created()));
                h.el("dt", "Receipt confirmed").el("dd", Layout.time(unit.confirmed()));
                h.el("dt", "Re-provisionings").el("dd", unit.issuance());
                h.raw("</dl>");
                if (who.role() == Role.OEM_ADMIN) {
                    h.raw("<p class=\"actions\">").link(Layout.BASE + "/units/" + Html.url(u.chip()) + "/reprovision",
                            "Authorize re-provisioning...", "id", "action-reprovision", "data-testid",
                            "action-reprovision", "class", "button").raw("</p>");
                }
            }
            h.raw("</section><section aria-labelledby=\"history-h\"><h2 id=\"history-h\">History</h2>"
                    + "<div class=\"scroll\"><table id=\"unit-history\" data-testid=\"unit-history\">");
            Layout.head(h, "Time", "Outcome", "Order", "Serial", "Correlation id", "Detail", "Event");
            h.raw("<tbody>");
            for (ConsoleEvent e : u.events()) {
                h.open("tr", "data-outcome", e.outcome(), "class", e.refusal() ? "refused" : null);
                h.el("td", Layout.time(e.time())).el("td", e.outcome()).el("td", e.order()).el("td", e.serial())
                        .el("td", e.correlationId()).el("td", e.detail()).raw("<td>")
                        .link(Layout.BASE + "/events/" + Html.url(e.id()), "event").raw("</td></tr>");
            }
            h.raw("</tbody></table></div></section>");
            if (!u.reprovisions().isEmpty()) {
                h.raw("<section aria-labelledby=\"rp-h\"><h2 id=\"rp-h\">Re-provisioning authorizations</h2>"
                        + "<div class=\"scroll\"><table id=\"unit-reprovisions\">");
                Layout.head(h, "Authorized", "By", "Reason", "Used");
                h.raw("<tbody>");
                for (RecordQueries.Reprovision r : u.reprovisions()) {
                    h.raw("<tr>").el("td", Layout.time(r.created())).el("td", r.by()).el("td", r.reason())
                            .el("td", r.consumed() == null ? "not yet" : Layout.time(r.consumed())).raw("</tr>");
                }
                h.raw("</tbody></table></div></section>");
            }
        });
    }
}
