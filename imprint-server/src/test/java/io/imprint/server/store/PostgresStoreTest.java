package io.imprint.server.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.server.testing.TestDatabases;

/** {@link StoreContract} on PostgreSQL in a fresh schema; skipped without {@code IMPRINT_TEST_PG_URL}. */
class PostgresStoreTest extends StoreContract {
    private TestDatabases.PostgresSchema schema;

    @Override
    Database open() throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.PG_ENV + " not set");
        schema = TestDatabases.freshSchema();
        return Database.open(schema.url(), 4);
    }

    @Override
    void dispose() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
