package io.imprint.cli;

import io.imprint.cli.console.Table;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.admin.TrustRootRequest;
import io.imprint.server.admin.TrustRootView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint product trust-root add|list|remove}: the CA certificates a method's devices must chain to. */
@Command(name = "trust-root", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint product trust-root add --data-dir /srv/imprint --name sensor-se \\",
                "      --method pkcs11-se --certificate vendor-root.pem",
                "  imprint product trust-root list --data-dir /srv/imprint --name sensor-se"},
        description = "Trust roots of a product's methods: TPM-vendor roots (tpm2), secure-element vendor roots (pkcs11-se).",
        subcommands = {TrustRootCommand.Add.class, TrustRootCommand.ListRoots.class, TrustRootCommand.Remove.class})
final class TrustRootCommand {

    /** {@code METHOD=FILE} arguments as method to PEM text. */
    static Map<String, String> roots(List<String> args) throws IOException {
        if (args.isEmpty()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--trust-root must be METHOD=FILE, e.g. "
                        + "pkcs11-se=vendor-root.pem");
            }
            String method = arg.substring(0, eq);
            String pem = pem("--trust-root", Path.of(arg.substring(eq + 1)));
            out.merge(method, pem, (a, b) -> a + b);
        }
        return out;
    }

    static String pem(String what, Path file) throws IOException {
        return new String(Inputs.readFile(what, file), StandardCharsets.US_ASCII);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint product trust-root add --data-dir /srv/imprint --name sensor-se \\",
                    "      --method pkcs11-se --certificate vendor-root.pem"},
            description = "Adds the CA certificates of a PEM file as trust roots of a method the product accepts.")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--name", required = true, description = "Product name.") String name;
        @Option(names = "--method", required = true, description = "tpm2 or pkcs11-se.") String method;
        @Option(names = "--certificate", required = true, description = "PEM file of one or more CA certificates.")
        Path certificate;

        @Override
        public Integer call() throws Exception {
            TrustRootRequest request = new TrustRootRequest(method, pem("--certificate", certificate));
            for (TrustRootView r : target.with(ops -> ops.addTrustRoots(name, request))) {
                spec.commandLine().getOut().println("Added " + r.method() + " trust root " + r.fingerprint()
                        + " (" + r.subject() + ") to " + r.product());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint product trust-root list --data-dir /srv/imprint --name sensor-se"},
            description = "Lists a product's trust roots, of every method.")
    static final class ListRoots implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--name", required = true, description = "Product name.") String name;

        @Override
        public Integer call() throws Exception {
            Table t = new Table("method", "fingerprint (SHA-256)", "subject");
            for (TrustRootView r : target.with(ops -> ops.trustRoots(name))) {
                t.row(r.method(), r.fingerprint(), r.subject());
            }
            t.print(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint product trust-root remove --data-dir /srv/imprint --name sensor-se \\",
                    "      --method pkcs11-se --fingerprint \"$ROOT_SHA256\""},
            description = "Removes one trust root by its SHA-256 fingerprint (from 'trust-root list').")
    static final class Remove implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--name", required = true, description = "Product name.") String name;
        @Option(names = "--method", required = true, description = "tpm2 or pkcs11-se.") String method;
        @Option(names = "--fingerprint", required = true, description = "SHA-256 of the root certificate, 64 hex.")
        String fingerprint;

        @Override
        public Integer call() throws Exception {
            List<TrustRootView> left = target.with(ops -> ops.removeTrustRoot(name, method, fingerprint));
            spec.commandLine().getOut().println("Removed; " + name + " has " + left.size() + " trust roots left");
            return 0;
        }
    }
}
