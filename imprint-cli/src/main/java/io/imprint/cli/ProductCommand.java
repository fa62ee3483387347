package io.imprint.cli;

import io.imprint.cli.console.Table;
import io.imprint.device.uboot.UbootMpBackend;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.server.admin.AdminOperations;
import io.imprint.server.admin.EnrollRequest;
import io.imprint.server.admin.ProductView;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
        description = "Products: attestation methods and their trust (MP public key, SRK hash, vendor roots), "
                + "secret template, policy.",
        subcommands = {ProductCommand.Enroll.class, ProductCommand.ListProducts.class, ImportMpKeyCommand.class,
                ProductCommand.Policy.class, ProductMethodCommand.class, TrustRootCommand.class})
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
                    "  imprint product enroll --data-dir /srv/imprint --name sensor-se \\",
                    "      --part-number SE050 --method pkcs11-se \\",
                    "      --trust-root pkcs11-se=vendor-root.pem --allow-software '>=1.0.0'",
                    "  imprint product enroll --data-dir /srv/imprint --name gateway-x \\",
                    "      --part-number MIMX8MM6 --srk-hash \"$SRK_HASH\" \\",
                    "      --from-uboot /dev/ttyUSB0 --allow-software '>=1.0.0'"},
            description = "Enrolls a product: for caam-mp (the default method) with the SRK hash and the MP public key read"
                    + " from a reference chip, given as text or a file (--mp-key) or read from the chip itself over its"
                    + " U-Boot console (--from-uboot); for tpm2 / pkcs11-se with their vendor trust roots.")
    static final class Enroll implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--name", required = true, description = "Product name.") String name;
        @Option(names = "--part-number", required = true, description = "Chip part number, e.g. MIMX8MM6.") String partNumber;
        @Option(names = "--srk-hash",
                description = "SRK hash fused into the product's chips, 64 hex (required for caam-mp; for other methods, when given, every device must claim it).")
        String srkHash;
        @Option(names = "--mp-key",
                description = "MP public key (required for caam-mp): a file or text (U-Boot 'mfgprot pubk' output pasted whole, hex X||Y, PEM), or a file of the raw 64-byte X||Y.")
        String mpKey;
        @Option(names = "--method", paramLabel = "METHOD",
                description = "Attestation method the product accepts: caam-mp, tpm2 or pkcs11-se (repeatable; default: caam-mp).")
        List<String> methods = new java.util.ArrayList<>();
        @Option(names = "--trust-root", paramLabel = "METHOD=FILE",
                description = "PEM file of CA certificates a method's devices must chain to, e.g. pkcs11-se=vendor-root.pem (repeatable).")
        List<String> trustRoots = new java.util.ArrayList<>();
        @Option(names = "--from-uboot", paramLabel = "PORT",
                description = "Instead of --mp-key: serial port of the reference board, e.g. /dev/ttyUSB0; stops autoboot and"
                        + " reads the key with 'mfgprot pubk' (see docs/devices.md).")
        Path port;
        @Mixin UbootOptions uboot;
        @Option(names = "--secrets", defaultValue = "disk-encryption-key:random:32",
                description = "Secret template: name:random:length[,...] (default: ${DEFAULT-VALUE}).")
        String secrets;
        @Mixin PolicyOptions policy;

        @Override
        public Integer call() throws Exception {
            if (mpKey != null && port != null) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "give --mp-key or --from-uboot, not both");
            }
            if ((methods.isEmpty() || methods.contains("caam-mp")) && (srkHash == null || (mpKey == null && port == null))) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                        "caam-mp (the default method) needs --srk-hash and --mp-key (or --from-uboot);"
                        + " name other methods with --method");
            }
            String keyText = mpKey == null ? null : Inputs.mpKeyText("--mp-key", mpKey);
            if (port != null) {
                try (UbootMpBackend board = uboot.attach(port)) {
                    MpPublicKey read = board.publicKey();
                    spec.commandLine().getOut().println("Read the MP public key " + read.curve() + " "
                            + read.fingerprint().substring(0, 16) + " from " + board.description());
                    keyText = read.hex();
                }
            }
            EnrollRequest request = new EnrollRequest(name, partNumber, srkHash, keyText, secrets, policy.request(),
                    methods.isEmpty() ? null : methods, TrustRootCommand.roots(trustRoots));
            ProductView p = target.with(ops -> ops.enroll(request));
            spec.commandLine().getOut().println("Enrolled " + p.name() + " (" + p.partNumber() + "), methods "
                    + String.join(", ", p.methods()) + (p.mpKeyFingerprint().isEmpty() ? "" : ", MP key " + p.mpCurve()
                    + " " + p.mpKeyFingerprint().substring(0, 16)) + ", secrets " + p.secretTemplate());
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
            Table t = new Table("product", "part number", "methods", "MP key", "SRK hash", "secrets");
            for (ProductView p : products) {
                t.row(p.name(), p.partNumber(), String.join(",", p.methods()),
                        p.mpKeyFingerprint().isEmpty() ? "-" : p.mpKeyFingerprint().substring(0, 16),
                        p.srkHash().isEmpty() ? "-" : p.srkHash().substring(0, 16) + "...", p.secretTemplate());
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
