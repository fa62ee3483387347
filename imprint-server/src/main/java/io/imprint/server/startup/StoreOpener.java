package io.imprint.server.startup;

import io.imprint.server.ServerConfig;
import io.imprint.server.admin.OperatorCa;
import io.imprint.server.audit.AuditKey;
import io.imprint.server.issuance.FileKeyEscrow;
import io.imprint.server.issuance.ProductCaStore;
import io.imprint.server.startup.OpenedStore.CreatedFile;
import io.imprint.server.store.Database;
import io.imprint.server.store.UniqueViolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens a store as its {@link OpenMode} allows. Before anything is written it checks, in this order:
 * that a store exists where one is expected (nothing is created otherwise); that the SQLite file is
 * not empty, is SQLite and passes {@code PRAGMA quick_check}; that the data directory holds the keys
 * recorded in the store's identity (escrow KEK, audit key, operator CA) and the CA of every enrolled
 * product. Only then does it migrate the schema. A new store gets its database first, then its keys,
 * then its identity row: a start interrupted before that row finishes the creation next time. A key is
 * generated only for a store that has no data yet; a store with data never gets a new key.
 */
public final class StoreOpener {
    private static final int SQLITE_POOL = 4;
    private static final int POSTGRES_POOL = 16;
    private final ServerConfig config;
    private final OpenMode mode;
    private final Path dir;
    private final String url;
    private final String location;
    private final KeyChecks keys;
    private final List<CreatedFile> created = new ArrayList<>();

    private StoreOpener(ServerConfig config, OpenMode mode) {
        this.config = config;
        this.mode = mode;
        this.dir = config.dataDir();
        if (config.databaseUrl() == null) {
            Path file = dir.resolve("imprint.db").toAbsolutePath();
            this.url = "jdbc:sqlite:" + file;
            this.location = dir.resolve("imprint.db").toString();
        } else {
            this.url = config.databaseUrl();
            int query = url.indexOf('?');
            this.location = query < 0 ? url : url.substring(0, query);
        }
        this.keys = new KeyChecks(dir, location);
    }

    /** Opens (and, as {@code mode} allows, creates) the store of {@code config}; refusals are {@link StoreStartException}s. */
    public static OpenedStore open(ServerConfig config, OpenMode mode) {
        return new StoreOpener(config, mode).open();
    }

    private OpenedStore open() {
        StoreProbe probe = probe();
        if (probe.identity().isPresent()) {
            return existing(probe, probe.identity().get());
        }
        if (probe.hasData()) {
            return adopted(probe);
        }
        if (mode == OpenMode.EXISTING) {
            throw noStore();
        }
        if (!probe.schema()) {
            keys.refuseLeftovers(); // a database without a store beside the keys of one: restore, don't start over
        }
        return created(probe);
    }

    private StoreProbe probe() {
        if (config.databaseUrl() != null) {
            try {
                return Database.probe(url, StoreProbe::read);
            } catch (SQLException e) {
                throw new StoreStartException("cannot open the database " + location + ": " + oneLine(e), e);
            }
        }
        Path file = dir.resolve("imprint.db");
        if (!Files.exists(file)) {
            if (mode == OpenMode.EXISTING) {
                throw noStore();
            }
            return StoreProbe.EMPTY;
        }
        SqliteFile.checkHeader(file);
        try {
            return Database.probe(url, c -> {
                SqliteFile.quickCheck(c, file);
                return StoreProbe.read(c);
            });
        } catch (SQLException e) {
            throw new StoreStartException(file + ": not a readable SQLite database (" + oneLine(e)
                    + "); restore it from a backup (nothing was changed)", e);
        }
    }

    /** A store with an identity: every recorded key must be here, and be the one recorded. */
    private OpenedStore existing(StoreProbe probe, StoreIdentity identity) {
        if (mode == OpenMode.CREATE_NEW) {
            throw new StoreStartException(location + " already holds Imprint store " + identity.shortId()
                    + "; nothing was created");
        }
        keys.requireDirectory(identity);
        FileKeyEscrow escrow = keys.escrow(identity);
        AuditKey audit = keys.audit(identity);
        OperatorCa operatorCa = keys.operatorCa(identity);
        ProductCaStore cas = keys.productCas(probe.products());
        Database db = migrate();
        try {
            if (identity.operatorCa() == null && mode != OpenMode.EXISTING) {
                operatorCa = operatorCa != null ? operatorCa : keys.createOperatorCa(created);
                String fingerprint = operatorCa.fingerprint();
                db.autoCommit(c -> {
                    IdentityTable.recordOperatorCa(c, fingerprint);
                    return null;
                });
            }
            return opened(db, new StoreKeys(escrow, audit, operatorCa, cas), identity, probe.products());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A store made before identities were recorded, holding data: its keys must be here; they become its identity. */
    private OpenedStore adopted(StoreProbe probe) {
        if (mode == OpenMode.CREATE_NEW) {
            throw new StoreStartException(location + " already holds an Imprint store; nothing was created");
        }
        FileKeyEscrow escrow = keys.escrow(null);
        AuditKey audit = keys.audit(null);
        OperatorCa operatorCa = keys.operatorCa(null);
        ProductCaStore cas = keys.productCas(probe.products());
        Database db = migrate();
        try {
            if (operatorCa == null && mode != OpenMode.EXISTING) {
                operatorCa = keys.createOperatorCa(created);
            }
            StoreKeys storeKeys = new StoreKeys(escrow, audit, operatorCa, cas);
            return opened(db, storeKeys, record(db, storeKeys), probe.products());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A new store: database, then keys (any already here from an interrupted creation are kept), then identity. */
    private OpenedStore created(StoreProbe probe) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new StoreStartException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        Database db = migrate();
        try {
            if (!probe.schema()) {
                created.add(new CreatedFile(location, config.databaseUrl() == null ? "database (embedded SQLite)"
                        : "database schema (PostgreSQL)"));
            }
            StoreKeys storeKeys = keys.createOrKeep(created);
            return opened(db, storeKeys, record(db, storeKeys), List.of());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Records the identity of {@code storeKeys}; when another node recorded one first, that one must match. */
    private StoreIdentity record(Database db, StoreKeys storeKeys) {
        StoreIdentity identity = StoreIdentity.fresh(storeKeys.escrow().fingerprint(), storeKeys.auditKey().fingerprint(),
                storeKeys.operatorCa().map(OperatorCa::fingerprint).orElse(null), config.clock().instant());
        try {
            db.autoCommit(c -> {
                IdentityTable.insert(c, identity);
                return null;
            });
            return identity;
        } catch (UniqueViolation raced) {
            StoreIdentity first = db.autoCommit(IdentityTable::find).orElseThrow(() -> raced);
            keys.verify(storeKeys, first);
            return first;
        }
    }

    private OpenedStore opened(Database db, StoreKeys storeKeys, StoreIdentity identity, List<String> products) {
        return new OpenedStore(db, storeKeys, identity, location, created, keys.permissionWarnings(products));
    }

    private Database migrate() {
        return Database.open(url, config.databaseUrl() == null ? SQLITE_POOL : POSTGRES_POOL, config.storeLockTimeout());
    }

    private StoreStartException noStore() {
        String data = dir.toString();
        if (config.databaseUrl() != null) {
            return new StoreStartException("no Imprint store in the database " + location + ": run 'imprint init "
                    + "--database-url URL --data-dir " + data + "' (or 'imprint server') first");
        }
        Optional<Path> key = keys.leftover();
        String why = !Files.isDirectory(dir) ? "no such directory"
                : Files.exists(dir.resolve("imprint.db")) ? "imprint.db holds none"
                : key.isPresent() ? "no imprint.db, but " + key.get() + " is there: if its store lives in PostgreSQL, "
                        + "pass --database-url" : "no imprint.db";
        return new StoreStartException("no Imprint store in " + data + " (" + why + "): run 'imprint init --data-dir "
                + data + "' (or 'imprint server') first");
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
