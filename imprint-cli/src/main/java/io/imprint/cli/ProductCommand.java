package io.imprint.cli;

import io.imprint.cli.console.Table;
import io.imprint.server.Imprint;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.Product;
import io.imprint.server.products.ProductEnrollment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint product ...}: enrollment of products and their MP public keys. */
@Command(name = "product", description = "Products: MP public key, SRK hash, secret template.",
        subcommands = {ProductCommand.Enroll.class, ProductCommand.ListProducts.class, ImportMpKeyCommand.class,
                ProductCommand.Policy.class})
final class ProductCommand {

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = "Enrolls a product with the MP public key read from a reference chip.")
    static final class Enroll implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--name", required = true, description = "Product name.") String name;
        @Option(names = "--part-number", required = true, description = "Chip part number, e.g. MIMX8MM6.") String partNumber;
        @Option(names = "--srk-hash", required = true, description = "SRK hash fused into the product's chips, 64 hex.") String srkHash;
        @Option(names = "--mp-key", required = true,
                description = "MP public key: a file or text (U-Boot 'mfgprot pubk' output pasted whole, hex X||Y, or PEM).")
        String mpKey;
        @Option(names = "--secrets", defaultValue = "disk-encryption-key:random:32",
                description = "Secret template: name:random:length[,...] (default: ${DEFAULT-VALUE}).")
        String secrets;
        @Mixin PolicyOptions policy;

        @Override
        public Integer call() throws Exception {
            ProductPolicy rules = policy.policy();
            try (Imprint imprint = Imprint.open(store.config())) {
                Product p = imprint.products().enroll(new ProductEnrollment(name, partNumber, srkHash,
                        Inputs.textOrFile("--mp-key", mpKey), SecretTemplate.parse(secrets), rules));
                spec.commandLine().getOut().println("Enrolled " + p.name() + " (" + p.partNumber() + "), MP key "
                        + p.mpKey().curve() + " " + p.mpKey().fingerprint().substring(0, 16) + ", secrets " + p.template().format());
                spec.commandLine().getOut().println("Policy: " + rules.describe());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists enrolled products.")
    static final class ListProducts implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;

        @Override
        public Integer call() {
            try (Imprint imprint = Imprint.open(store.config())) {
                Table t = new Table("product", "part number", "MP key", "SRK hash", "secrets");
                for (Product p : imprint.products().list()) {
                    t.row(p.name(), p.partNumber(), p.mpKey().fingerprint().substring(0, 16),
                            p.srkHashHex().substring(0, 16) + "...", p.template().format());
                }
                t.print(spec.commandLine().getOut());
            }
            return 0;
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = "Replaces a product's policy (deny by default: without --allow-software every unit is refused).")
    static final class Policy implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--name", required = true, description = "Product name.") String name;
        @Mixin PolicyOptions policy;

        @Override
        public Integer call() throws Exception {
            ProductPolicy rules = policy.policy();
            try (Imprint imprint = Imprint.open(store.config())) {
                imprint.policies().set(imprint.products().get(name).name(), rules);
                spec.commandLine().getOut().println("Policy of " + name + ": " + rules.describe());
            }
            return 0;
        }
    }
}
