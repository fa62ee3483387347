package io.imprint.server.attest;

import io.imprint.server.testing.TestServer;
import java.nio.file.Path;

class SqliteOrdersPolicyTest extends OrdersPolicyContract {
    @Override
    protected TestServer start(Path dataDir) throws Exception {
        return TestServer.sqlite(dataDir);
    }
}
