package io.imprint.cli;

import io.imprint.cli.console.Table;
import io.imprint.protocol.crypto.Providers;
import io.imprint.server.admin.AdminOperations;
import io.imprint.server.admin.Operator;
import io.imprint.server.admin.OperatorCa;
import io.imprint.server.admin.OrderView;
import io.imprint.server.admin.ProductView;
import io.imprint.server.admin.Role;
import io.imprint.server.files.KeyFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint admin ...}: operator certificates, and orders and products through the admin API or locally. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint admin issue-cert --data-dir /srv/imprint --name alice \\",
                "      --role oem-admin --out alice",
                "  imprint admin orders --server https://127.0.0.1:8444 --operator bob \\",
                "      --server-fingerprint \"$FINGERPRINT\""},
        description = "Operator access: client certificates; orders and products via --server or --data-dir.",
        subcommands = {AdminCommand.IssueCert.class, AdminCommand.Orders.class, AdminCommand.Products.class})
final class AdminCommand {

    @Command(name = "issue-cert", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint admin issue-cert --data-dir /srv/imprint --name alice \\",
                    "      --role oem-admin --out alice",
                    "  imprint admin issue-cert --data-dir /srv/imprint --name bob \\",
                    "      --role cm-operator --cm acme-ems --out bob"},
            description = "Issues an operator client certificate from the operator CA in <data-dir>/admin/ca (made by init or server).")
    static final class IssueCert implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--name", required = true, description = "Operator name (certificate CN).") String name;
        @Option(names = "--role", required = true, description = "oem-admin, cm-operator or auditor.") String role;
        @Option(names = "--cm", description = "Contract manufacturer of a cm-operator (certificate O).") String cm;
        @Option(names = "--out", required = true, description = "Output prefix: writes OUT.crt, OUT.key, OUT.p12 and operator-ca.crt.") Path out;
        @Option(names = "--p12-password", description = "Password of OUT.p12 (default: generated and printed once).") String password;
        @Option(names = "--days", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).") int days;

        @Override
        public Integer call() throws Exception {
            Role r = Role.of(role);
            if (r != Role.CM_OPERATOR && cm != null) {
                throw new IllegalArgumentException("--cm is only for --role cm-operator");
            }
            OperatorCa ca;
            try {
                ca = OperatorCa.load(store.dataDir); // never created here: 'init' or 'server' makes it with the store
            } catch (KeyFileException e) {
                throw new IllegalArgumentException(e.getMessage() + "; run 'imprint init --data-dir " + store.dataDir
                        + "' (or 'imprint server') first, or pass the --data-dir that holds admin/ca", e);
            }
            String p12 = password != null ? password : Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Providers.randomBytes(15));
            ca.issue(new Operator(name, r, cm), Duration.ofDays(days)).write(out, p12.toCharArray());
            var o = spec.commandLine().getOut();
            o.println("Wrote " + out + ".crt, " + out + ".key, " + out + ".p12 and operator-ca.crt for " + name
                    + " (" + r.slug() + (cm == null ? "" : ", " + cm) + ")");
            if (password == null) {
                o.println("PKCS#12 password (shown once): " + p12);
            }
            return 0;
        }
    }

    @Command(name = "orders", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint admin orders --server https://127.0.0.1:8444 --operator bob \\",
                    "      --server-fingerprint \"$FINGERPRINT\""},
            description = "Lists orders the operator may see.")
    static final class Orders implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--product", description = "Only this product's orders.") String product;

        @Override
        public Integer call() throws Exception {
            Table t = new Table("order", "product", "CM", "state", "used", "quantity", "serials");
            for (OrderView o : target.with(ops -> ops.orders(product))) {
                t.row(o.name(), o.product(), o.contractManufacturer(), o.state(), o.used(), o.quantity(), o.serials());
            }
            t.print(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "products", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint admin products --data-dir /srv/imprint"},
            description = "Lists enrolled products.")
    static final class Products implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;

        @Override
        public Integer call() throws Exception {
            Table t = new Table("product", "part number", "MP curve", "SRK hash", "enrolled");
            for (ProductView p : target.with(AdminOperations::products)) {
                t.row(p.name(), p.partNumber(), p.mpCurve(), p.srkHash(), p.created());
            }
            t.print(spec.commandLine().getOut());
            return 0;
        }
    }
}
