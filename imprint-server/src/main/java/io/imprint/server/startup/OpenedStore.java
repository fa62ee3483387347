package io.imprint.server.startup;

import io.imprint.server.store.Database;
import java.nio.file.Path;
import java.util.List;

/**
 * A store that passed its start checks: the migrated database, its keys, its identity, where it is
 * ({@code location}: the SQLite file, or the PostgreSQL URL without its parameters), the files this
 * opening created, and warnings for the operator (e.g. a key file others can read).
 */
public record OpenedStore(Database database, StoreKeys keys, StoreIdentity identity, String location,
                          List<CreatedFile> created, List<String> warnings) {
    public OpenedStore {
        created = List.copyOf(created);
        warnings = List.copyOf(warnings);
    }

    /** A file (or database) made while opening, and what it is. */
    public record CreatedFile(String path, String what) {
    }
}
