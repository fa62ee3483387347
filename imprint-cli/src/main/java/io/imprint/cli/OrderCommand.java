package io.imprint.cli;

import io.imprint.cli.console.Table;
import io.imprint.server.Imprint;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.OrderRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint order ...}: production orders for contract manufacturers. */
@Command(name = "order", description = "Production orders: contract manufacturer, quantity, serial range.",
        subcommands = {OrderCommand.Create.class, OrderCommand.ListOrders.class, OrderCommand.Close.class})
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

        @Override
        public Integer call() {
            try (Imprint imprint = Imprint.open(store.config())) {
                Order o = imprint.orders().create(new OrderRequest(name, product, cm, quantity, serials));
                spec.commandLine().getOut().println("Opened order " + o.name() + " for " + o.contractManufacturer()
                        + ": " + o.quantity() + " x " + o.product() + ", serials " + o.serials());
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
                Table t = new Table("order", "product", "CM", "state", "used", "quantity", "serials");
                for (Order o : imprint.orders().list(product)) {
                    t.row(o.name(), o.product(), o.contractManufacturer(), o.state(), o.used(), o.quantity(), o.serials());
                }
                t.print(spec.commandLine().getOut());
            }
            return 0;
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Closes an order: it provisions nothing more.")
    static final class Close implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--name", required = true) String name;

        @Override
        public Integer call() {
            try (Imprint imprint = Imprint.open(store.config())) {
                Order o = imprint.orders().close(name);
                spec.commandLine().getOut().println("Closed order " + o.name() + " at " + o.used() + "/" + o.quantity());
            }
            return 0;
        }
    }
}
