package io.imprint.cli;

import io.imprint.server.Imprint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint unit ...}: operations on single provisioned units. */
@Command(name = "unit", description = "Single units: audited re-provisioning (RMA, factory reset).",
        subcommands = {UnitCommand.AuthorizeReprovision.class})
final class UnitCommand {
    private UnitCommand() {
    }

    @Command(name = "authorize-reprovision", mixinStandardHelpOptions = true,
            description = "Allows one more provisioning of an already provisioned chip (single use, recorded).")
    static final class AuthorizeReprovision implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--product", required = true) String product;
        @Option(names = "--chip", required = true, description = "Chip ID in hex.") String chip;
        @Option(names = "--reason", required = true, description = "Why, e.g. RMA-123.") String reason;
        @Option(names = "--by", required = true, description = "Operator authorizing it.") String by;

        @Override
        public Integer call() {
            try (Imprint imprint = Imprint.open(store.config())) {
                String id = imprint.reprovisioning().authorize(product, chip, reason, by);
                spec.commandLine().getOut().println("Authorized one re-provisioning of chip " + chip.strip().toUpperCase(java.util.Locale.ROOT)
                        + " of " + product + " (" + reason + ", by " + by + "), authorization " + id);
            }
            return 0;
        }
    }
}
