package io.imprint.cli;

import io.imprint.server.Imprint;
import io.imprint.server.admin.AdminClient;
import io.imprint.server.admin.AdminOperations;
import io.imprint.server.admin.LocalAdmin;
import io.imprint.server.admin.Operator;
import io.imprint.server.admin.OperatorCredential;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where an admin command runs: a running server's admin API (--server, --operator, --server-fingerprint; the
 * operator's certificate decides what is allowed) or, without --server, the local data directory as a
 * local oem-admin. Either way the command only calls {@link AdminOperations}.
 */
final class AdminTarget {
    @Spec(Spec.Target.MIXEE) CommandSpec command;
    @Mixin StoreOptions store;
    @Option(names = "--server", description = "Admin API URL, e.g. https://127.0.0.1:8444 (else work on --data-dir).") URI server;
    @Option(names = "--operator", description = "Operator credentials: prefix of NAME.crt/NAME.key, or their directory.") Path operator;
    @Option(names = "--server-fingerprint",
            description = "SHA-256 of the server's TLS certificate, 64 hex (printed by 'imprint server').")
    String serverFingerprint;

    /** Opens the existing store of --data-dir / --database-url (creating nothing); warnings go to stderr. */
    Imprint openStore() {
        return store.open(command.commandLine().getErr());
    }

    /** True when the command talks to a running server's admin API. */
    boolean remote() {
        return server != null;
    }

    /** Runs {@code work} against the chosen target; locally as the oem-admin {@code local:<os user>}. */
    <T> T with(Function<AdminOperations, T> work) throws Exception {
        if (server != null) {
            if (operator == null || serverFingerprint == null) {
                throw new IllegalArgumentException("--server needs --operator and --server-fingerprint");
            }
            if (!"https".equalsIgnoreCase(server.getScheme())) {
                throw new IllegalArgumentException("--server must be an https:// URL of the admin listener (default port 8444)");
            }
            OperatorCredential credential;
            try {
                credential = OperatorCredential.read(operator);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException("--operator " + operator + ": no such credential file " + e.getFile()
                        + " (made by 'imprint admin issue-cert --out " + operator + "')");
            }
            return work.apply(new AdminClient(server, credential, serverFingerprint));
        }
        try (Imprint imprint = openStore()) {
            return work.apply(new LocalAdmin(imprint.admin(),
                    Operator.local(System.getProperty("user.name", "unknown"))));
        }
    }
}
