package io.imprint.server.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may create a store, and the checks of the SQLite file before a store is opened. */
class StoreOpenerTest {
    @TempDir Path tmp;

    private Path data() {
        return tmp.resolve("data");
    }

    private ServerConfig config() {
        return ServerConfig.defaults(data());
    }

    @Test
    void open_noStore_refusedNamingDirectoryAndNothingCreated() {
        assertThatThrownBy(() -> Imprint.open(config())).isInstanceOf(StoreStartException.class)
                .hasMessage("no Imprint store in " + data() + " (no such directory): run 'imprint init --data-dir "
                        + data() + "' (or 'imprint server') first");
        assertThat(data()).doesNotExist();
    }

    @Test
    void open_emptyDirectory_refusedAndNoDatabaseCreated() throws Exception {
        Files.createDirectories(data());
        assertThatThrownBy(() -> Imprint.open(config())).isInstanceOf(StoreStartException.class)
                .hasMessageContaining("(no imprint.db)");
        try (var files = Files.list(data())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void create_thenOpen_sameIdentityAndCreateAgainRefused() throws Exception {
        String id;
        try (Imprint imprint = Imprint.create(config())) {
            id = imprint.store().identity().storeId();
            assertThat(imprint.store().created()).extracting(OpenedStore.CreatedFile::path)
                    .anyMatch(p -> p.endsWith("imprint.db")).anyMatch(p -> p.contains("escrow.key"))
                    .anyMatch(p -> p.contains("audit.key")).anyMatch(p -> p.contains("ca.crt"));
        }
        try (Imprint imprint = Imprint.open(config())) {
            assertThat(imprint.store().identity().storeId()).isEqualTo(id);
            assertThat(imprint.store().created()).isEmpty();
        }
        assertThatThrownBy(() -> Imprint.create(config())).isInstanceOf(StoreStartException.class)
                .hasMessageContaining("already holds Imprint store " + id.substring(0, 12));
    }

    @Test
    void openOrCreate_zeroByteDatabaseBesideKeys_refusedAndFileLeftAlone() throws Exception {
        StoreFixture.storeWithProduct(data());
        Path db = data().resolve("imprint.db");
        Files.deleteIfExists(data().resolve("imprint.db-wal"));
        Files.deleteIfExists(data().resolve("imprint.db-shm"));
        Files.write(db, new byte[0]);
        assertThatThrownBy(() -> Imprint.openOrCreate(config())).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith(db + ": empty file (0 bytes), not an Imprint database");
        assertThat(Files.size(db)).isZero();
    }

    @Test
    void open_notSqliteDatabase_refused() throws Exception {
        StoreFixture.storeWithProduct(data());
        Path db = data().resolve("imprint.db");
        Files.deleteIfExists(data().resolve("imprint.db-wal"));
        Files.writeString(db, "this is not a database, just text that is long enough");
        assertThatThrownBy(() -> Imprint.openOrCreate(config())).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith(db + ": not an SQLite database");
    }

    @Test
    void open_damagedPages_refusedByIntegrityCheck() throws Exception {
        StoreFixture.storeWithProduct(data());
        Path db = data().resolve("imprint.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("PRAGMA journal_mode=DELETE");
        }
        long pageSize = 4096;
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            for (long page = 1; page < f.length() / pageSize; page++) { // every page but the header page
                f.seek(page * pageSize);
                f.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x13, 0x37});
            }
        }
        assertThatThrownBy(() -> Imprint.open(config())).isInstanceOf(StoreStartException.class)
                .hasMessageStartingWith(db + ": ").hasMessageContaining("restore")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void openOrCreate_keysWithoutDatabase_refusedAndNoDatabaseCreated() throws Exception {
        StoreFixture.storeWithProduct(data());
        for (String f : new String[] {"imprint.db", "imprint.db-wal", "imprint.db-shm"}) {
            Files.deleteIfExists(data().resolve(f));
        }
        assertThatThrownBy(() -> Imprint.openOrCreate(config())).isInstanceOf(StoreStartException.class)
                .hasMessageContaining(data().resolve("keys").toString()).hasMessageContaining("holds no store");
        assertThat(data().resolve("imprint.db")).doesNotExist();
    }

    @Test
    void open_storeWithoutIdentityRow_adoptsItsKeys() throws Exception {
        StoreFixture.storeWithProduct(data());
        String escrow;
        try (Imprint imprint = Imprint.open(config())) {
            escrow = imprint.store().identity().escrowKey();
            imprint.database().autoCommit(c -> c.createStatement().executeUpdate("DELETE FROM store_identity"));
        }
        try (Imprint imprint = Imprint.open(config())) { // a store made before identities existed
            assertThat(imprint.store().identity().escrowKey()).isEqualTo(escrow);
        }
    }

    @Test
    void openOrCreate_creationInterruptedBeforeIdentity_keepsKeysAndFinishes() throws Exception {
        String escrow;
        try (Imprint imprint = Imprint.create(config())) {
            escrow = imprint.store().identity().escrowKey();
            imprint.database().autoCommit(c -> c.createStatement().executeUpdate("DELETE FROM store_identity"));
        }
        Files.delete(data().resolve("keys/audit.key"));
        Files.delete(data().resolve("keys/audit.pub.pem"));
        assertThatThrownBy(() -> Imprint.open(config())).isInstanceOf(StoreStartException.class)
                .hasMessageContaining("no Imprint store in " + data() + " (imprint.db holds none)");
        try (Imprint imprint = Imprint.openOrCreate(config())) {
            assertThat(imprint.store().identity().escrowKey()).isEqualTo(escrow);
            assertThat(data().resolve("keys/audit.key")).exists();
        }
    }

    @Test
    void open_keyReadableByOthers_warnsNamingFileAndFix() throws Exception {
        StoreFixture.storeWithProduct(data());
        Path escrow = data().resolve("keys/escrow.key");
        Files.setPosixFilePermissions(escrow, PosixFilePermissions.fromString("rw-r--r--"));
        try (Imprint imprint = Imprint.open(config())) {
            assertThat(imprint.store().warnings()).containsExactly(escrow + " is a private key open to its group and "
                    + "others (mode rw-r--r--): run chmod 600 " + escrow);
        }
        Files.setPosixFilePermissions(escrow, PosixFilePermissions.fromString("rw-------"));
        try (Imprint imprint = Imprint.open(config())) {
            assertThat(imprint.store().warnings()).isEmpty();
        }
    }
}
