package io.imprint.cli;

import io.imprint.server.admin.ReprovisionRequest;
import io.imprint.server.admin.ReprovisionView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint unit ...}: operations on single provisioned units. */
@Command(name = "unit", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint unit authorize-reprovision --data-dir /srv/imprint \\",
                "      --product gateway-x --chip-id 0123456789ABCDEF --reason RMA-123 --by alice"},
        description = "Single units: audited re-provisioning (RMA, factory reset).",
        subcommands = {UnitCommand.AuthorizeReprovision.class})
final class UnitCommand {
    private UnitCommand() {
    }

    @Command(name = "authorize-reprovision", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint unit authorize-reprovision --data-dir /srv/imprint \\",
                    "      --product gateway-x --chip-id 0123456789ABCDEF --reason RMA-123 --by alice",
                    "  imprint unit authorize-reprovision --server https://127.0.0.1:8444 \\",
                    "      --operator alice --server-fingerprint \"$FINGERPRINT\" \\",
                    "      --product gateway-x --chip-id 0123456789ABCDEF --reason RMA-123"},
            description = "Allows one more provisioning of an already provisioned chip (single use, recorded).")
    static final class AuthorizeReprovision implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--product", required = true, description = "Product the chip was provisioned as.") String product;
        @Option(names = "--chip-id", required = true, description = "Chip ID in hex, as in the unit's certificate (urn:imprint:chip:...).") String chipId;
        @Option(names = "--reason", required = true, description = "Why, e.g. RMA-123.") String reason;
        @Option(names = "--by", description = "Who authorizes it (with --data-dir, recorded as authorizedBy of the "
                + "local:<user> entry; via --server it is the operator certificate's name).") String by;

        @Override
        public Integer call() throws Exception {
            if (target.remote() && by != null) {
                throw new IllegalArgumentException("--by applies to --data-dir; via --server the operator certificate names who authorizes");
            }
            if (!target.remote() && (by == null || by.isBlank())) {
                throw new IllegalArgumentException("--by is required with --data-dir");
            }
            // Locally the audit actor is local:<os user>; --by is recorded as who authorized it (authorizedBy).
            ReprovisionRequest request = new ReprovisionRequest(product, chipId, reason, by);
            ReprovisionView a = target.with(ops -> ops.authorizeReprovision(request));
            spec.commandLine().getOut().println("Authorized one re-provisioning of chip " + a.chip() + " of "
                    + a.product() + " (" + a.reason() + ", by " + a.by() + "), authorization " + a.id());
            return 0;
        }
    }
}
