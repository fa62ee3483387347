package io.imprint.cli;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.alerts.AlertConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the server's state lives: shared by every command that works on a data directory. Only
 * {@code server} and {@code init} create a store; every other command opens an existing one and
 * refuses a directory (or database) that holds none, creating nothing.
 */
final class StoreOptions {
    @Option(names = "--data-dir", defaultValue = "${env:IMPRINT_DATA_DIR:-imprint-data}",
            description = "Data directory: embedded database, CA and escrow keys, TLS certificate. 'init' and 'server'"
                    + " create the store there; every other command needs one that exists (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url",
            description = "PostgreSQL JDBC URL (jdbc:postgresql://host/db?user=...) instead of the embedded SQLite store.")
    String databaseUrl;

    ServerConfig config() {
        return ServerConfig.defaults(dataDir).withDatabaseUrl(databaseUrl);
    }

    /** Opens the existing store; its warnings (e.g. a key file others can read) go to {@code err}. */
    Imprint open(PrintWriter err) {
        return warn(Imprint.open(config()), err);
    }

    /** Opens the store of {@code config}, creating it when there is none ({@code server}). */
    static Imprint openOrCreate(ServerConfig config, AlertConfig alerts, PrintWriter err) {
        return warn(Imprint.openOrCreate(config, alerts), err);
    }

    /** Creates a new store ({@code init}). */
    Imprint create(PrintWriter err) {
        return warn(Imprint.create(config()), err);
    }

    private static Imprint warn(Imprint imprint, PrintWriter err) {
        for (String warning : imprint.store().warnings()) {
            err.println("imprint: warning: " + warning);
        }
        err.flush();
        return imprint;
    }
}
