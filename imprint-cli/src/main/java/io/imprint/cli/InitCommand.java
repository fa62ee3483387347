package io.imprint.cli;

import io.imprint.server.Imprint;
import io.imprint.server.startup.OpenedStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imprint init}: creates a store (database and keys), prints what it made, and exits. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Creates a new store: the database (embedded SQLite in --data-dir, or --database-url) and its keys"
                + " in --data-dir (escrow key, audit key, operator CA). Refuses a store that exists. Only 'init' and"
                + " 'server' create a store; every other command needs one.",
        footer = {"%nExamples:",
                "  imprint init --data-dir /srv/imprint",
                "  imprint init --data-dir /srv/imprint \\",
                "      --database-url 'jdbc:postgresql://db.example/imprint?user=imprint'"})
final class InitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Imprint imprint = store.create(spec.commandLine().getErr())) {
            OpenedStore opened = imprint.store();
            out.println("Created Imprint store " + opened.identity().storeId() + " (" + opened.location() + ")");
            for (OpenedStore.CreatedFile file : opened.created()) {
                out.println("  " + file.path() + "  " + file.what());
            }
            out.println("Back up the data directory's keys/, admin/ca/ and (after enrolling) ca/ with the database:"
                    + " the store does not start without them.");
            out.println("The TLS certificate is made by 'imprint server' on its first start (--tls-name), or given"
                    + " with --tls-cert/--tls-key.");
            out.println("Next: imprint server --data-dir " + store.dataDir
                    + (store.databaseUrl == null ? "" : " --database-url <the same URL>"));
        }
        return 0;
    }
}
