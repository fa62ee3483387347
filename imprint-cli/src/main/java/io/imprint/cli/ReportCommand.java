package io.imprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imprint.cli.console.Table;
import io.imprint.server.reports.Report;
import io.imprint.server.reports.ReportCsv;
import io.imprint.server.reports.ReportQuery;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint report}: production per order, CM, product and time range. */
@Command(name = "report", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  imprint report --data-dir /srv/imprint --product gateway-x", "  imprint report --data-dir /srv/imprint --order PO-1 --format csv > po-1.csv"},
        description = "Production report: totals, per-hour production, refusals by code, clone suspects, orders, "
                + "provisioned and refused per attestation method.")
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin AdminTarget target;
    @Option(names = "--order", description = "Order name.") String order;
    @Option(names = "--cm", description = "Contract manufacturer.") String cm;
    @Option(names = "--product", description = "Product name.") String product;
    @Option(names = "--from", description = "Start (inclusive), ISO instant, e.g. 2026-01-05T00:00:00Z.") Instant from;
    @Option(names = "--to", description = "End (exclusive), ISO instant.") Instant to;
    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).") String format;

    @Override
    public Integer call() throws Exception {
        if (!format.matches("table|json|csv")) {
            throw new IllegalArgumentException("--format must be table, json or csv");
        }
        Report r = target.with(ops -> ops.report(new ReportQuery(order, cm, product, from, to)));
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case "json" -> out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
            case "csv" -> out.print(ReportCsv.format(r));
            default -> table(r, out);
        }
        out.flush();
        return 0;
    }

    private static void table(Report r, PrintWriter out) {
        Table totals = new Table("events", "networked", "offline", "total");
        r.totals().forEach((name, n) -> totals.row(name, n.networked(), n.offline(), n.total()));
        r.refusals().forEach((code, n) -> totals.row("  " + code, n.networked(), n.offline(), n.total()));
        totals.print(out);
        out.println();
        Table hours = new Table("hour (UTC)", "issued net/off", "provisioned net/off", "refused net/off");
        r.hours().forEach(h -> hours.row(h.hour(), pair(h.issued()), pair(h.provisioned()), pair(h.refused())));
        hours.print(out);
        out.println();
        Table suspects = new Table("clone suspect", "path", "code", "chip", "serial", "order");
        r.cloneSuspects().forEach(s -> suspects.row(s.time(), s.path(), s.code(), s.chip(), s.serial(), s.order()));
        suspects.print(out);
        out.println();
        Table orders = new Table("order", "CM", "state", "quantity", "used net/off", "awaiting receipt net/off",
                "provisioned net/off");
        r.orders().forEach(o -> orders.row(o.name(), o.contractManufacturer(), o.state(), o.quantity(), pair(o.used()),
                pair(o.awaitingReceipt()), pair(o.provisioned())));
        orders.print(out);
        out.println();
        Table methods = new Table("method", "provisioned net/off", "refused net/off");
        r.methods().forEach(m -> methods.row(m.method(), pair(m.provisioned()), pair(m.refused())));
        methods.print(out);
        out.println();
        out.println("net/off: networked (device API) / offline (bundle receipts imported). issued: secrets delivered over");
        out.println("the network, one unit of quantity used; provisioned: confirmed by the unit's MP-signed receipt;");
        out.println("awaiting receipt: issued, not yet provisioned; used: units counted against the quantity;");
        out.println("method: the attestation method of the events (older events without one count as caam-mp)");
        out.println("(docs/operations.md, \"Reports\").");
    }

    private static String pair(Report.Counts n) {
        return n.networked() + "/" + n.offline();
    }
}
