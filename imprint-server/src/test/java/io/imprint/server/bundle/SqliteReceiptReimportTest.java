package io.imprint.server.bundle;

import io.imprint.server.testing.TestServer;
import java.nio.file.Path;

/** {@link ReceiptReimportContract} on embedded SQLite. */
class SqliteReceiptReimportTest extends ReceiptReimportContract {
    @Override
    protected TestServer start(Path dataDir) throws Exception {
        return TestServer.sqlite(dataDir);
    }
}
