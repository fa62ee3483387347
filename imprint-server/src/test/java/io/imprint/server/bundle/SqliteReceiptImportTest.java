package io.imprint.server.bundle;

import io.imprint.server.testing.TestServer;
import java.nio.file.Path;

/** {@link ReceiptImportContract} on embedded SQLite. */
class SqliteReceiptImportTest extends ReceiptImportContract {
    @Override
    protected TestServer start(Path dataDir) throws Exception {
        return TestServer.sqlite(dataDir);
    }
}
