package io.imprint.server.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One PostgreSQL store, opened with its own data directory, none, an empty one and another store's. */
class PostgresStoreIdentityTest {
    @TempDir Path tmp;
    private TestDatabases.PostgresSchema schema;

    @BeforeEach
    void schema() throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.PG_ENV + " not set");
        schema = TestDatabases.freshSchema();
    }

    @AfterEach
    void drop() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }

    private ServerConfig config(Path dataDir) {
        return ServerConfig.defaults(dataDir).withDatabaseUrl(schema.url());
    }

    @Test
    void open_emptyDatabase_refusedAndNoSchemaCreated() throws Exception {
        assertThatThrownBy(() -> Imprint.open(config(tmp.resolve("a")))).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith("no Imprint store in the database jdbc:postgresql:");
        try (Connection c = DriverManager.getConnection(schema.url());
             ResultSet r = c.getMetaData().getTables(null, schema.url().replaceAll(".*currentSchema=", ""), "%", null)) {
            assertThat(r.next()).as("tables in the schema").isFalse();
        }
        assertThat(tmp.resolve("a")).doesNotExist();
    }

    @Test
    void open_otherDataDirectories_refusedNamingThemAndNothingWritten() throws Exception {
        Path a = tmp.resolve("a");
        StoreFixture.storeWithProduct(config(a));

        Path missing = tmp.resolve("imprint-data"); // the CLI's default, where enroll once wrote a product CA
        assertThatThrownBy(() -> Imprint.open(config(missing))).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith(missing + ": no such directory, but jdbc:postgresql:")
                .hasMessageNotContaining("user=");
        assertThat(missing).doesNotExist();

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Imprint.openOrCreate(config(empty))).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith(empty + " holds none of the keys of Imprint store ");
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }

        Path other = tmp.resolve("other");
        Imprint.create(ServerConfig.defaults(other)).close(); // an SQLite store of its own, with its own keys
        assertThatThrownBy(() -> Imprint.open(config(other))).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith(other.resolve("keys/escrow.key") + " is not the escrow key of Imprint store ");
        assertThat(other.resolve("ca")).doesNotExist();

        try (Imprint imprint = Imprint.open(config(a))) {
            assertThat(imprint.products().list()).hasSize(1);
        }
    }
}
