package io.imprint.cli;

import io.imprint.server.admin.AdminOperations;
import io.imprint.server.admin.ProductView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint product method add|remove}: which attestation methods a product accepts. */
@Command(name = "method", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint product method add --data-dir /srv/imprint --name gateway-x \\",
                "      --method pkcs11-se",
                "  imprint product method remove --data-dir /srv/imprint --name gateway-x \\",
                "      --method caam-mp"},
        description = "Attestation methods a product accepts (caam-mp, tpm2, pkcs11-se); a device of another method is refused method-not-accepted.",
        subcommands = {ProductMethodCommand.Add.class, ProductMethodCommand.Remove.class})
final class ProductMethodCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint product method add --data-dir /srv/imprint --name gateway-x \\",
                    "      --method tpm2"},
            description = "Makes the product accept a method (caam-mp needs the product's MP key and SRK hash; "
                    + "tpm2 and pkcs11-se need trust roots: 'imprint product trust-root add').")
    static final class Add extends Change {
        @Override
        ProductView change(AdminOperations ops) {
            return ops.acceptMethod(name, method);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint product method remove --data-dir /srv/imprint --name gateway-x \\",
                    "      --method tpm2"},
            description = "Stops accepting a method (its trust roots are removed too; the last method stays).")
    static final class Remove extends Change {
        @Override
        ProductView change(AdminOperations ops) {
            return ops.refuseMethod(name, method);
        }
    }

    /** One change of a product's methods; prints what it accepts afterwards. */
    abstract static class Change implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--name", required = true, description = "Product name.") String name;
        @Option(names = "--method", required = true, description = "caam-mp, tpm2 or pkcs11-se.") String method;

        abstract ProductView change(AdminOperations ops);

        @Override
        public Integer call() throws Exception {
            ProductView p = target.with(this::change);
            spec.commandLine().getOut().println(p.name() + " accepts " + String.join(", ", p.methods()));
            return 0;
        }
    }
}
