package io.imprint.server.console;

import io.imprint.server.admin.Operator;
import io.imprint.server.admin.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/** The page frame every console page shares: head with the assets, banner, navigation, main, footer. */
final class Layout {
    static final String BASE = "/console";

    private enum Tab {
        ORDERS("Orders", "/orders"), ALERTS("Alerts", "/alerts"), UNITS("Units", "/units"), AUDIT("Audit", "/audit"),
        OFFLINE("Offline", "/offline");

        final String label;
        final String path;

        Tab(String label, String path) {
            this.label = label;
            this.path = path;
        }
    }

    private Layout() {
    }

    /** A whole page; {@code tab} is the navigation entry marked current (its path, e.g. {@code /orders}). */
    static String page(Operator who, String title, String tab, Consumer<Html> body) {
        Html h = new Html();
        h.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.el("title", title + " - Imprint console");
        h.raw("<link rel=\"stylesheet\" href=\"" + Assets.PATH + "uPlot.min.css\">"
                + "<link rel=\"stylesheet\" href=\"" + Assets.PATH + "console.css\">"
                + "<script src=\"" + Assets.PATH + "uPlot.iife.min.js\" defer></script>"
                + "<script src=\"" + Assets.PATH + "console.js\" defer></script></head><body>"
                + "<a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"banner\">"
                + "<span class=\"brand\">Imprint console</span>");
        h.open("span", "id", "operator", "data-testid", "operator", "data-role", who.role().slug())
                .text(who.name() + " (" + who.role().slug() + (who.cm() == null ? "" : ", " + who.cm()) + ")")
                .close("span");
        h.raw("</header><nav aria-label=\"Console pages\"><ul>");
        for (Tab t : Tab.values()) {
            if (t == Tab.AUDIT && who.role() == Role.CM_OPERATOR) {
                continue;
            }
            h.raw("<li>").link(BASE + t.path, t.label, "id", "nav-" + t.path.substring(1),
                    "aria-current", t.path.equals(tab) ? "page" : null).raw("</li>");
        }
        h.raw("</ul></nav><main id=\"main\" tabindex=\"-1\">");
        h.el("h1", title);
        body.accept(h);
        h.raw("</main><footer><p>Served on the admin listener; every page and action is authorized and audited "
                + "as the admin API is.</p></footer></body></html>");
        return h.toString();
    }

    /** ISO-8601 to the second, or a dash. */
    static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A hidden CSRF field for a form of {@code who}. */
    static void csrf(Html h, ConsoleService console, Operator who) {
        h.open("input", "type", "hidden", "name", "csrf", "value", console.csrf().token(who));
    }

    /** A table header row. */
    static void head(Html h, String... columns) {
        h.raw("<thead><tr>");
        for (String c : columns) {
            h.el("th", c, "scope", "col");
        }
        h.raw("</tr></thead>");
    }

    /** A status line read out by screen readers (after an action). */
    static void flash(Html h, String message) {
        if (message != null) {
            h.el("p", message, "id", "flash", "data-testid", "flash", "role", "status", "class", "flash");
        }
    }
}
