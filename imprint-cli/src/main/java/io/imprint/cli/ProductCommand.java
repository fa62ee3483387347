package io.imprint.cli;

import io.imprint.cli.console.Table;
import io.imprint.device.uboot.UbootMpBackend;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.server.admin.AdminOperations;
import io.imprint.server.admin.EnrollRequest;
import io.imprint.server.admin.ProductView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint product ...}: enrollment of products and their MP public keys, locally or via --server. */
@Command(name = "product", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint product enroll --data-dir /srv/imprint --name gateway-x \\",
                "      --part-number MIMX8MM6 --srk-hash \"$SRK_HASH\" --mp-key pubk.txt \\",
                "      --allow-software '>=1.0.0'",
                "  imprint product list --data-dir /srv/imprint"},
        description = "Products: MP public key, SRK hash, secret template.",
        subcommands = {ProductCommand.Enroll.class, ProductCommand.ListProducts.class, ImportMpKeyCommand.class,
                ProductCommand.Policy.class})
final class ProductCommand {

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint product enroll --data-dir /srv/imprint --name gateway-x \\",
                    "      --part-number MIMX8MM6 --srk-hash \"$SRK_HASH\" --mp-key pubk.txt \\",
                    "      --allow-software '>=1.0.0'",
                    "  imprint product enroll --data-dir /srv/imprint --name gateway-x \\",
                    "      --part-number MIMX8MM6 --srk-hash \"$SRK_HASH\" --mp-key pubk.txt \\",
                    "      --secrets disk-encryption-key:random:32,api-token:random:32 \\",
                    "      --allow-software 1.0.0,1.0.1 --require-metadata board",
                    "  imprint product enroll --data-dir /srv/imprint --name gateway-x \\",
                    "      --part-number MIMX8MM6 --srk-hash \"$SRK_HASH\" \\",
                    "      --from-uboot /dev/ttyUSB0 --allow-software '>=1.0.0'"},
            description = "Enrolls a product with the MP public key read from a reference chip: given as text or a file"
                    + " (--mp-key), or read from the chip itself over its U-Boot console (--from-uboot).")
    static final class Enroll implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--name", required = true, description = "Product name.") String name;
        @Option(names = "--part-number", required = true, description = "Chip part number, e.g. MIMX8MM6.") String partNumber;
        @Option(names = "--srk-hash", required = true, description = "SRK hash fused into the product's chips, 64 hex.") String srkHash;
        @ArgGroup(exclusive = true, multiplicity = "1") KeySource key;
        @Mixin UbootOptions uboot;
        @Option(names = "--secrets", defaultValue = "disk-encryption-key:random:32",
                description = "Secret template: name:random:length[,...] (default: ${DEFAULT-VALUE}).")
        String secrets;
        @Mixin PolicyOptions policy;

        static final class KeySource {
            @Option(names = "--mp-key",
                    description = "MP public key: a file or text (U-Boot 'mfgprot pubk' output pasted whole, hex X||Y, PEM), or a file of the raw 64-byte X||Y.")
            String mpKey;
            @Option(names = "--from-uboot", paramLabel = "PORT",
                    description = "Serial port of the reference board, e.g. /dev/ttyUSB0: stops autoboot and reads the key with"
                            + " 'mfgprot pubk' (see docs/devices.md).")
            Path port;
        }

        @Override
        public Integer call() throws Exception {
            String keyText;
            if (key.port != null) {
                try (UbootMpBackend board = uboot.attach(key.port)) {
                    MpPublicKey read = board.publicKey();
                    spec.commandLine().getOut().println("Read the MP public key " + read.curve() + " "
                            + read.fingerprint().substring(0, 16) + " from " + board.description());
                    keyText = read.hex();
                }
            } else {
                keyText = Inputs.mpKeyText("--mp-key", key.mpKey);
            }
            EnrollRequest request = new EnrollRequest(name, partNumber, srkHash, keyText, secrets, policy.request());
            ProductView p = target.with(ops -> ops.enroll(request));
            spec.commandLine().getOut().println("Enrolled " + p.name() + " (" + p.partNumber() + "), MP key "
                    + p.mpCurve() + " " + p.mpKeyFingerprint().substring(0, 16) + ", secrets " + p.secretTemplate());
            spec.commandLine().getOut().println("Policy: " + p.policy());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint product list --data-dir /srv/imprint",
                    "  imprint product list --server https://127.0.0.1:8444 --operator carol \\",
                    "      --server-fingerprint \"$FINGERPRINT\""},
            description = "Lists enrolled products.")
    static final class ListProducts implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;

        @Override
        public Integer call() throws Exception {
            List<ProductView> products = target.with(AdminOperations::products);
            Table t = new Table("product", "part number", "MP key", "SRK hash", "secrets");
            for (ProductView p : products) {
                t.row(p.name(), p.partNumber(), p.mpKeyFingerprint().substring(0, 16),
                        p.srkHash().substring(0, 16) + "...", p.secretTemplate());
            }
            t.print(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint product policy --data-dir /srv/imprint --name gateway-x \\",
                    "      --allow-software 1.0.0,1.0.1 --require-metadata board,station",
                    "  imprint product policy --data-dir /srv/imprint --name gateway-x \\",
                    "      --allow-software '>=1.0.0' --hook-url https://hook.example.com/decide \\",
                    "      --hook-ca hook-ca.pem"},
            description = "Replaces a product's policy (deny by default: without --allow-software every unit is refused).")
    static final class Policy implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--name", required = true, description = "Product name.") String name;
        @Mixin PolicyOptions policy;

        @Override
        public Integer call() throws Exception {
            var request = policy.request();
            ProductView p = target.with(ops -> ops.setPolicy(name, request));
            spec.commandLine().getOut().println("Policy of " + name + ": " + p.policy());
            return 0;
        }
    }
}
