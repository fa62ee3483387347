package io.imprint.server.attest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.server.testing.TestDatabases;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;

/** {@link OrdersPolicyContract} on PostgreSQL ({@code IMPRINT_TEST_PG_URL}), skipped when unset. */
class PostgresOrdersPolicyTest extends OrdersPolicyContract {
    @Override
    protected TestServer start(Path dataDir) throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.PG_ENV + " not set");
        return TestServer.postgres(dataDir);
    }
}
