package io.imprint.server.console;

import io.imprint.server.admin.Operator;
import io.imprint.server.admin.Role;
import io.imprint.server.orders.Order;
import java.util.List;

/** The Orders page, one order's page, and their live fragments (progress, state, validity, rate chart). */
final class OrdersPage {
    private static final int BAR = 240;

    private OrdersPage() {
    }

    static String list(Operator who, List<ConsoleService.OrderLine> lines) {
        return Layout.page(who, "Orders", "/orders", h -> {
            h.raw("<p>Progress of every order you may see; updates every few seconds.</p>");
            h.open("section", "id", "orders", "data-testid", "orders", "aria-label", "Orders",
                    "data-live", Layout.BASE + "/live/orders");
            table(h, lines);
            h.close("section");
            h.raw("<section aria-labelledby=\"chart-h\"><h2 id=\"chart-h\">All orders: rate (last 30 minutes)</h2>");
            chart(h, Layout.BASE + "/rates.json");
            h.raw("</section>");
        });
    }

    /** The live fragment: the orders table. */
    static void table(Html h, List<ConsoleService.OrderLine> lines) {
        if (lines.isEmpty()) {
            h.el("p", "No orders.", "id", "orders-empty");
            return;
        }
        h.raw("<div class=\"scroll\"><table id=\"orders-table\" data-testid=\"orders-table\">");
        h.el("caption", "Orders: used of quantity; provisioned, issued but not confirmed, refused");
        Layout.head(h, "Order", "Product", "Contract manufacturer", "State", "Validity", "Progress");
        h.raw("<tbody>");
        for (ConsoleService.OrderLine l : lines) {
            Order o = l.order();
            h.open("tr", "data-order", o.name(), "data-testid", "order-row");
            h.raw("<td>").link(Layout.BASE + "/orders/" + Html.url(o.name()), o.name(), "class", "order-link")
                    .raw("</td>");
            h.el("td", o.product()).el("td", o.contractManufacturer());
            h.raw("<td>").el("span", o.state(), "class", "state state-" + o.state(), "data-testid", "order-state")
                    .raw("</td>");
            h.el("td", validity(o));
            h.raw("<td>");
            progress(h, l);
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }

    /** One order's page: summary (live), actions for oem-admin, rate chart. */
    static String order(Operator who, ConsoleService.OrderLine line, String flash) {
        Order o = line.order();
        return Layout.page(who, "Order " + o.name(), "/orders", h -> {
            Layout.flash(h, flash);
            h.open("section", "id", "order-summary", "data-testid", "order-summary", "aria-label", "Order summary",
                    "data-live", Layout.BASE + "/live/orders/" + Html.url(o.name()));
            summary(h, line);
            h.close("section");
            if (who.role() == Role.OEM_ADMIN && !actions(o).isEmpty()) {
                h.raw("<section id=\"order-actions\" aria-labelledby=\"actions-h\"><h2 id=\"actions-h\">Actions</h2>"
                        + "<p class=\"actions\">");
                String base = Layout.BASE + "/orders/" + Html.url(o.name());
                for (String a : actions(o)) {
                    h.link(base + "/" + a, ActionPages.label(a) + "...", "id", "action-" + a, "data-testid",
                            "action-" + a, "class", "button");
                }
                h.raw("</p></section>");
            }
            h.raw("<section aria-labelledby=\"chart-h\"><h2 id=\"chart-h\">Rate (last 30 minutes)</h2>");
            chart(h, Layout.BASE + "/orders/" + Html.url(o.name()) + "/rates.json");
            h.raw("</section>");
        });
    }

    /** The actions that apply to the order's state: suspend an open one, resume a suspended one, resize any not closed. */
    static List<String> actions(Order o) {
        return switch (o.state()) {
            case "open" -> List.of("suspend", "resize");
            case "suspended" -> List.of("resume", "resize");
            case "draft" -> List.of("resize");
            default -> List.of();
        };
    }

    /** The rate chart (drawn by console.js from {@code dataUrl}) and its legend. */
    private static void chart(Html h, String dataUrl) {
        h.open("div", "id", "rate-chart", "data-testid", "rate-chart", "class", "chart", "role", "img",
                "aria-label", "Units provisioned and attempts refused per minute", "data-chart", dataUrl).close("div");
        h.raw("<p class=\"legend\"><span class=\"key key-ok\"></span> units per minute "
                + "<span class=\"key key-refused\"></span> refusals per minute</p>");
    }

    /** The live fragment of one order: its figures and progress bar. */
    static void summary(Html h, ConsoleService.OrderLine l) {
        Order o = l.order();
        h.raw("<dl class=\"facts\">");
        fact(h, "Product", o.product(), "order-product");
        fact(h, "Contract manufacturer", o.contractManufacturer(), "order-cm");
        fact(h, "State", o.state(), "order-state");
        fact(h, "Validity", validity(o), "order-validity");
        fact(h, "Serials", o.serials().toString() + " (" + o.serialMode() + " serials)", "order-serials");
        fact(h, "Quantity", Long.toString(o.quantity()), "order-quantity");
        fact(h, "Used", Long.toString(o.used()), "order-used");
        fact(h, "Provisioned", Long.toString(l.progress().provisioned()), "order-provisioned");
        fact(h, "Issued, not confirmed", Long.toString(l.progress().issued()), "order-issued");
        fact(h, "Refused", Long.toString(l.progress().refused()), "order-refused");
        h.raw("</dl>");
        progress(h, l);
    }

    /** A stacked bar (provisioned, issued not confirmed, remaining) with the figures as text. */
    static void progress(Html h, ConsoleService.OrderLine l) {
        Order o = l.order();
        ProductionQueries.Progress p = l.progress();
        double q = Math.max(1, o.quantity());
        long prov = Math.round(Math.min(p.provisioned(), o.quantity()) * BAR / q);
        long issued = Math.round(Math.min(p.issued(), o.quantity()) * BAR / q);
        issued = Math.min(issued, BAR - prov);
        String text = "used " + o.used() + " / " + o.quantity() + ", provisioned " + p.provisioned()
                + ", issued not confirmed " + p.issued() + ", refused " + p.refused();
        h.open("div", "class", "progress", "data-testid", "order-progress", "data-used", Long.toString(o.used()),
                "data-quantity", Long.toString(o.quantity()), "data-provisioned", Long.toString(p.provisioned()),
                "data-issued", Long.toString(p.issued()), "data-refused", Long.toString(p.refused()));
        h.open("svg", "width", Integer.toString(BAR), "height", "14", "viewBox", "0 0 " + BAR + " 14",
                "role", "img", "aria-label", text, "class", "bar");
        h.open("rect", "class", "bar-rest", "x", "0", "y", "0", "width", Integer.toString(BAR), "height", "14")
                .close("rect");
        h.open("rect", "class", "bar-ok", "x", "0", "y", "0", "width", Long.toString(prov), "height", "14")
                .close("rect");
        h.open("rect", "class", "bar-issued", "x", Long.toString(prov), "y", "0", "width", Long.toString(issued),
                "height", "14").close("rect");
        h.close("svg");
        h.el("span", text, "class", "figures");
        h.close("div");
    }

    private static void fact(Html h, String term, String value, String testId) {
        h.el("dt", term).el("dd", value, "data-testid", testId, "id", testId);
    }

    static String validity(Order o) {
        if (o.validFrom() == null && o.validUntil() == null) {
            return "no limit";
        }
        return (o.validFrom() == null ? "any time" : "from " + Layout.time(o.validFrom()))
                + (o.validUntil() == null ? "" : " until " + Layout.time(o.validUntil()));
    }
}
