package io.imprint.server.attest;

import io.imprint.server.testing.TestServer;
import java.nio.file.Path;

/** {@link ProvisioningContract} on embedded SQLite. */
class SqliteProvisioningTest extends ProvisioningContract {
    @Override
    protected TestServer start(Path dataDir) throws Exception {
        return TestServer.sqlite(dataDir);
    }
}
