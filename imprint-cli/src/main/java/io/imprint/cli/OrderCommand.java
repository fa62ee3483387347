package io.imprint.cli;

import io.imprint.cli.console.Table;
import io.imprint.server.Imprint;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.orders.Reconciliation;
import io.imprint.server.orders.VerifiedReconciliation;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint order ...}: production orders for contract manufacturers and their life cycle. */
@Command(name = "order", description = "Production orders: contract manufacturer, quantity, serial range, life cycle.",
        subcommands = {OrderCommand.Create.class, OrderCommand.ListOrders.class, OrderCommand.Open.class,
                OrderCommand.Suspend.class, OrderCommand.Resume.class, OrderCommand.Resize.class,
                OrderCommand.Close.class, OrderCommand.Show.class})
final class OrderCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Authorizes a production run.")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--name", required = true, description = "Order name, e.g. PO-2026-001.") String name;
        @Option(names = "--product", required = true) String product;
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
        public Integer call() {
            try (Imprint imprint = Imprint.open(store.config())) {
                Order o = imprint.orders().create(new OrderRequest(name, product, cm, quantity, serials, serialMode,
                        validFrom, validUntil, draft));
                spec.commandLine().getOut().println((draft ? "Drafted" : "Opened") + " order " + o.name() + " for "
                        + o.contractManufacturer() + ": " + o.quantity() + " x " + o.product() + ", serials "
                        + o.serials() + " (" + o.serialMode() + "-assigned)");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists orders and their progress.")
    static final class ListOrders implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--product", description = "Only this product's orders.") String product;

        @Override
        public Integer call() {
            try (Imprint imprint = Imprint.open(store.config())) {
                Table t = new Table("order", "product", "CM", "state", "used", "quantity", "serials", "mode", "valid");
                for (Order o : imprint.orders().list(product)) {
                    t.row(o.name(), o.product(), o.contractManufacturer(), o.state(), o.used(), o.quantity(), o.serials(),
                            o.serialMode(), (o.validFrom() == null ? "" : o.validFrom()) + ".."
                                    + (o.validUntil() == null ? "" : o.validUntil()));
                }
                t.print(spec.commandLine().getOut());
            }
            return 0;
        }
    }

    /** A command that names one order and changes it. */
    abstract static class Change implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--name", required = true, description = "Order name.") String name;

        abstract String apply(Imprint imprint);

        @Override
        public Integer call() {
            try (Imprint imprint = Imprint.open(store.config())) {
                spec.commandLine().getOut().println(apply(imprint));
            }
            return 0;
        }

        static String state(String verb, Order o) {
            return verb + " order " + o.name() + ": " + o.state() + ", " + o.used() + "/" + o.quantity() + " used";
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Opens a draft order.")
    static final class Open extends Change {
        String apply(Imprint i) { return state("Opened", i.orders().open(name)); }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspends an open order (resumable).")
    static final class Suspend extends Change {
        String apply(Imprint i) { return state("Suspended", i.orders().suspend(name)); }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a suspended order.")
    static final class Resume extends Change {
        String apply(Imprint i) { return state("Resumed", i.orders().resume(name)); }
    }

    @Command(name = "resize", mixinStandardHelpOptions = true, description = "Raises or lowers the quantity (not below used).")
    static final class Resize extends Change {
        @Option(names = "--quantity", required = true, description = "New quantity.") long quantity;

        String apply(Imprint i) { return state("Resized", i.orders().resize(name, quantity)); }
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = "Closes an order for good and prints its signed reconciliation.")
    static final class Close extends Change {
        String apply(Imprint i) {
            Reconciliation r = i.orders().close(name);
            return "Closed order " + r.order() + " at " + r.used() + "/" + r.quantity() + "\n"
                    + Show.format(i.orders().reconciliation(name));
        }
    }

    @Command(name = "reconciliation", mixinStandardHelpOptions = true,
            description = "Shows a closed order's reconciliation and verifies its audit signature.")
    static final class Show extends Change {
        String apply(Imprint i) { return format(i.orders().reconciliation(name)); }

        static String format(VerifiedReconciliation v) {
            Reconciliation r = v.reconciliation();
            java.io.StringWriter text = new java.io.StringWriter();
            PrintWriter out = new PrintWriter(text);
            out.println("Reconciliation of " + r.order() + " (" + r.product() + ", " + r.contractManufacturer()
                    + ", serials " + r.serials() + ", " + r.serialMode() + "-assigned), closed " + r.closedAt());
            Table t = new Table("item", "count");
            t.row("authorized (quantity)", r.quantity());
            t.row("issued", r.issued());
            t.row("provisioned (receipt verified)", r.provisioned());
            t.row("issued, never confirmed", r.issuedUnconfirmed());
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
