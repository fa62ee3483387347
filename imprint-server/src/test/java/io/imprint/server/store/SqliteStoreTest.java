package io.imprint.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreContract} on SQLite in a temporary directory. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    Database open() {
        return Database.sqlite(dir);
    }
}
