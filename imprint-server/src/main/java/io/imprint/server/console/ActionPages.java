package io.imprint.server.console;

import io.imprint.server.admin.Operator;
import io.imprint.server.orders.Order;

/**
 * Confirmation pages of the oem-admin actions: each action is a GET that shows what will happen and a
 * form that POSTs it (with the CSRF token); nothing changes on a GET.
 */
final class ActionPages {
    private ActionPages() {
    }

    static String label(String action) {
        return switch (action) {
            case "suspend" -> "Suspend";
            case "resume" -> "Resume";
            case "resize" -> "Resize";
            case "reprovision" -> "Authorize re-provisioning";
            default -> throw new IllegalArgumentException(action);
        };
    }

    /** The status line shown after an action ({@code done} is matched against constants, never echoed). */
    static String done(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "suspend" -> "Order suspended.";
            case "resume" -> "Order resumed.";
            case "resize" -> "Order resized.";
            case "reprovision" -> "Re-provisioning authorized: the chip may be provisioned once more.";
            default -> null;
        };
    }

    static String order(ConsoleService console, Operator who, Order o, String action) {
        String url = Layout.BASE + "/orders/" + Html.url(o.name()) + "/" + action;
        return Layout.page(who, label(action) + " order " + o.name(), "/orders", h -> {
            h.raw("<p id=\"confirm-what\">");
            switch (action) {
                case "suspend" -> h.text("Suspend order " + o.name() + " (" + o.used() + " of " + o.quantity()
                        + " used)? Its devices are refused (order-inactive) until it is resumed.");
                case "resume" -> h.text("Resume order " + o.name() + "? Its devices provision again while it is "
                        + "inside its validity window.");
                default -> h.text("Resize order " + o.name() + ": now " + o.quantity() + " units, " + o.used()
                        + " used. The new quantity may not be below the units used.");
            }
            h.raw("</p>");
            form(h, console, who, url, action, () -> {
                if (action.equals("resize")) {
                    h.raw("<p><label for=\"quantity\">New quantity</label>");
                    h.open("input", "id", "quantity", "data-testid", "quantity", "name", "quantity", "type", "number",
                            "min", Long.toString(Math.max(1, o.used())), "required", "required",
                            "value", Long.toString(o.quantity()));
                    h.raw("</p>");
                }
            }, Layout.BASE + "/orders/" + Html.url(o.name()));
        });
    }

    static String reprovision(ConsoleService console, Operator who, RecordQueries.Unit u) {
        String back = Layout.BASE + "/units/" + Html.url(u.chip());
        return Layout.page(who, "Authorize re-provisioning", "/units", h -> {
            h.el("p", "Allow chip " + u.chip() + " (serial " + u.serial() + ", product " + u.product()
                    + ") to be provisioned once more, e.g. after an RMA. The authorization names you and is used up by "
                    + "the next provisioning.", "id", "confirm-what");
            form(h, console, who, back + "/reprovision", "reprovision", () -> {
                h.raw("<p><label for=\"reason\">Reason (for the audit trail)</label>");
                h.open("input", "id", "reason", "data-testid", "reason", "name", "reason", "type", "text",
                        "maxlength", "256", "required", "required");
                h.raw("</p>");
            }, back);
        });
    }

    private static void form(Html h, ConsoleService console, Operator who, String url, String action,
                             Runnable fields, String back) {
        h.open("form", "method", "post", "action", url, "id", "confirm-form", "data-testid", "confirm-form");
        Layout.csrf(h, console, who);
        fields.run();
        h.raw("<p class=\"actions\">");
        h.el("button", "Confirm: " + label(action), "type", "submit", "id", "confirm", "data-testid", "confirm",
                "class", "danger");
        h.link(back, "Cancel", "id", "cancel", "class", "button secondary");
        h.raw("</p></form>");
    }
}
