package io.imprint.server.audit;

import io.imprint.server.testing.TestServer;
import java.nio.file.Path;

/** {@link AuditTrailContract} on embedded SQLite. */
class SqliteAuditTrailTest extends AuditTrailContract {
    @Override
    TestServer start(Path dataDir) throws Exception {
        return TestServer.sqlite(dataDir);
    }

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("imprint.db").toAbsolutePath();
    }
}
