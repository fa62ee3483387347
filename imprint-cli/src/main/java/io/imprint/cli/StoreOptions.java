package io.imprint.cli;

import io.imprint.server.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the server's state lives: shared by every command that works on a data directory. */
final class StoreOptions {
    @Option(names = "--data-dir", defaultValue = "${env:IMPRINT_DATA_DIR:-imprint-data}",
            description = "Data directory: embedded database, CA and escrow keys, TLS certificate (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url",
            description = "PostgreSQL JDBC URL (jdbc:postgresql://host/db?user=...) instead of the embedded SQLite store.")
    String databaseUrl;

    ServerConfig config() {
        return ServerConfig.defaults(dataDir).withDatabaseUrl(databaseUrl);
    }
}
