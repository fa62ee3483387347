package io.imprint.cli;

import io.imprint.cli.console.Table;
import io.imprint.server.admin.AdminOperations;
import io.imprint.server.admin.OrderView;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.orders.Reconciliation;
import io.imprint.server.orders.VerifiedReconciliation;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint order ...}: production orders for contract manufacturers and their life cycle, locally or via --server. */
@Command(name = "order", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint order create --data-dir /srv/imprint --name PO-1 --product gateway-x \\",
                "      --cm acme-ems --quantity 1000 --serials SN000001..SN001000",
                "  imprint order list --data-dir /srv/imprint"},
        description = "Production orders: contract manufacturer, quantity, serial range, life cycle.",
        subcommands = {OrderCommand.Create.class, OrderCommand.ListOrders.class, OrderCommand.Open.class,
                OrderCommand.Suspend.class, OrderCommand.Resume.class, OrderCommand.Resize.class,
                OrderCommand.Close.class, OrderCommand.Show.class})
final class OrderCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint order create --data-dir /srv/imprint --name PO-1 --product gateway-x \\",
                    "      --cm acme-ems --quantity 1000 --serials SN000001..SN001000",
                    "  imprint order create --data-dir /srv/imprint --name PO-2 --product gateway-x \\",
                    "      --cm acme-ems --quantity 500 --serials GX000001..GX001000 \\",
                    "      --serial-mode server --draft"},
            description = "Authorizes a production run.")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--name", required = true, description = "Order name, e.g. PO-2026-001.") String name;
        @Option(names = "--product", required = true, description = "Enrolled product the order produces.") String product;
        @Option(names = "--cm", required = true, description = "Contract manufacturer.") String cm;
        @Option(names = "--quantity", required = true, description = "Units authorized.") long quantity;
        @Option(names = "--serials", required = true, description = "Serial range, e.g. SN000001..SN001000.") String serials;
        @Option(names = "--serial-mode", defaultValue = "device",
                description = "device (stations send serials) or server (assigned from the range). Default: ${DEFAULT-VALUE}.")
        String serialMode;
        @Option(names = "--valid-from", description = "Start of validity, ISO-8601 (e.g. 2026-01-01T00:00:00Z).") Instant validFrom;
        @Option(names = "--valid-until", description = "End of validity (exclusive), ISO-8601.") Instant validUntil;
        @Option(names = "--draft", description = "Create as a draft; 'order open' starts production.") boolean draft;

        @Override
        public Integer call() throws Exception {
            OrderRequest request = new OrderRequest(name, product, cm, quantity, serials, serialMode, validFrom,
                    validUntil, draft);
            OrderView o = target.with(ops -> ops.createOrder(request));
            spec.commandLine().getOut().println((draft ? "Drafted" : "Opened") + " order " + o.name() + " for "
                    + o.contractManufacturer() + ": " + o.quantity() + " x " + o.product() + ", serials "
                    + o.serials() + " (" + o.serialMode() + "-assigned)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint order list --data-dir /srv/imprint --product gateway-x",
                    "  imprint order list --server https://127.0.0.1:8444 --operator bob \\",
                    "      --server-fingerprint \"$FINGERPRINT\""},
            description = "Lists orders and their progress.")
    static final class ListOrders implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--product", description = "Only this product's orders.") String product;

        @Override
        public Integer call() throws Exception {
            List<OrderView> orders = target.with(ops -> ops.orders(product));
            Table t = new Table("order", "product", "CM", "state", "used", "quantity", "serials", "mode", "valid");
            for (OrderView o : orders) {
                t.row(o.name(), o.product(), o.contractManufacturer(), o.state(), o.used(), o.quantity(), o.serials(),
                        o.serialMode(), (o.validFrom() == null ? "" : o.validFrom()) + ".."
                                + (o.validUntil() == null ? "" : o.validUntil()));
            }
            t.print(spec.commandLine().getOut());
            return 0;
        }
    }

    /** A command that names one order and changes it. */
    abstract static class Change implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--name", required = true, description = "Order name.") String name;

        abstract String apply(AdminOperations ops);

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(target.with(this::apply));
            return 0;
        }

        static String state(String verb, OrderView o) {
            return verb + " order " + o.name() + ": " + o.state() + ", " + o.used() + "/" + o.quantity() + " used";
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint order open --data-dir /srv/imprint --name PO-2"},
            description = "Opens a draft order.")
    static final class Open extends Change {
        String apply(AdminOperations ops) { return state("Opened", ops.openOrder(name)); }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint order suspend --data-dir /srv/imprint --name PO-1",
                    "  imprint order suspend --server https://127.0.0.1:8444 --operator alice \\",
                    "      --server-fingerprint \"$FINGERPRINT\" --name PO-1"},
            description = "Suspends an open order (resumable).")
    static final class Suspend extends Change {
        String apply(AdminOperations ops) { return state("Suspended", ops.suspendOrder(name)); }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint order resume --data-dir /srv/imprint --name PO-1"},
            description = "Resumes a suspended order.")
    static final class Resume extends Change {
        String apply(AdminOperations ops) { return state("Resumed", ops.resumeOrder(name)); }
    }

    @Command(name = "resize", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint order resize --data-dir /srv/imprint --name PO-1 --quantity 1200"},
            description = "Raises or lowers the quantity (not below used).")
    static final class Resize extends Change {
        @Option(names = "--quantity", required = true, description = "New quantity.") long quantity;

        String apply(AdminOperations ops) { return state("Resized", ops.resizeOrder(name, quantity)); }
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint order close --data-dir /srv/imprint --name PO-1"},
            description = "Closes an order for good and prints its signed reconciliation.")
    static final class Close extends Change {
        String apply(AdminOperations ops) {
            VerifiedReconciliation v = ops.closeOrder(name);
            Reconciliation r = v.reconciliation();
            return "Closed order " + r.order() + " at " + r.used() + "/" + r.quantity() + "\n" + Show.format(v);
        }
    }

    @Command(name = "reconciliation", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint order reconciliation --data-dir /srv/imprint --name PO-1",
                    "  imprint order reconciliation --server https://127.0.0.1:8444 \\",
                    "      --operator carol --server-fingerprint \"$FINGERPRINT\" --name PO-1"},
            description = "Shows a closed order's reconciliation and verifies its audit signature.")
    static final class Show extends Change {
        String apply(AdminOperations ops) { return format(ops.reconciliation(name)); }

        static String format(VerifiedReconciliation v) {
            Reconciliation r = v.reconciliation();
            java.io.StringWriter text = new java.io.StringWriter();
            PrintWriter out = new PrintWriter(text);
            out.println("Reconciliation of " + r.order() + " (" + r.product() + ", " + r.contractManufacturer()
                    + ", serials " + r.serials() + ", " + r.serialMode() + "-assigned), closed " + r.closedAt());
            Table t = new Table("item", "count");
            t.row("authorized (quantity)", r.quantity());
            t.row("units (issued or provisioned, both paths)", r.issued());
            t.row("provisioned (receipt verified)", r.provisioned());
            t.row("awaiting receipt (issued, never confirmed)", r.issuedUnconfirmed());
            t.row("re-provisioned (authorized)", r.reprovisioned());
            new java.util.TreeMap<>(r.refusals()).forEach((code, n) -> t.row("refused: " + code, n));
            new java.util.TreeMap<>(r.refusalsInRange()).forEach((code, n) -> t.row("refused before an order was known, serial in range: " + code, n));
            t.print(out);
            out.print("Signature: verified with the audit key (ECDSA P-256)");
            out.flush();
            return text.toString();
        }
    }

    private OrderCommand() {
    }
}
