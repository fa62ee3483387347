package io.imprint.server.admin;

import io.imprint.server.testing.TestServer;
import java.nio.file.Path;

/** {@link AdminAuditContract} on SQLite. */
class SqliteAdminAuditTest extends AdminAuditContract {
    @Override
    TestServer start(Path dataDir) throws Exception {
        return TestServer.sqlite(dataDir);
    }
}
