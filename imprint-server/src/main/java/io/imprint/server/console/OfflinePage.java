package io.imprint.server.console;

import io.imprint.server.admin.Operator;
import java.util.List;

/** The Offline page: bundles per order and the verdicts of the receipt imports. */
final class OfflinePage {
    private OfflinePage() {
    }

    static String page(Operator who, List<RecordQueries.Bundle> bundles, List<RecordQueries.Verdict> verdicts) {
        return Layout.page(who, "Offline bundles", "/offline", h -> {
            h.raw("<section aria-labelledby=\"bundles-h\"><h2 id=\"bundles-h\">Bundles</h2>");
            if (bundles.isEmpty()) {
                h.el("p", "No bundles.", "id", "bundles-empty");
            } else {
                h.raw("<div class=\"scroll\"><table id=\"bundles\" data-testid=\"bundles\">");
                Layout.head(h, "Bundle", "Order", "Contract manufacturer", "Product", "Lot", "Units", "Built",
                        "Expires");
                h.raw("<tbody>");
                for (RecordQueries.Bundle b : bundles) {
                    h.open("tr", "data-testid", "bundle-row", "data-bundle", b.id()).raw("<td><code>").text(b.id())
                            .raw("</code></td><td>").link(Layout.BASE + "/orders/" + Html.url(b.order()), b.order())
                            .raw("</td>").el("td", b.cm()).el("td", b.product()).el("td", b.lot()).el("td", b.units())
                            .el("td", Layout.time(b.created())).el("td", Layout.time(b.expires())).raw("</tr>");
                }
                h.raw("</tbody></table></div>");
            }
            h.raw("</section><section aria-labelledby=\"imports-h\"><h2 id=\"imports-h\">Receipt imports</h2>"
                    + "<p>Lines of imported receipt files by bundle and verdict; a pending line is evaluated again on "
                    + "the next import.</p>");
            if (verdicts.isEmpty()) {
                h.el("p", "No receipts imported.", "id", "verdicts-empty");
            } else {
                h.raw("<div class=\"scroll\"><table id=\"receipt-verdicts\" data-testid=\"receipt-verdicts\">");
                Layout.head(h, "Bundle", "Verdict", "Settled", "Lines", "Last import");
                h.raw("<tbody>");
                for (RecordQueries.Verdict v : verdicts) {
                    h.open("tr", "data-testid", "verdict-row", "data-outcome", v.outcome()).raw("<td><code>")
                            .text(v.bundle() == null ? "unknown" : v.bundle()).raw("</code></td>").el("td", v.outcome())
                            .el("td", v.settled() ? "yes" : "pending").el("td", v.lines())
                            .el("td", Layout.time(v.last())).raw("</tr>");
                }
                h.raw("</tbody></table></div>");
            }
            h.raw("</section>");
        });
    }
}
