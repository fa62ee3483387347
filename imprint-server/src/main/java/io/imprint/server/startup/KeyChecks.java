package io.imprint.server.startup;

import io.imprint.server.admin.OperatorCa;
import io.imprint.server.audit.AuditKey;
import io.imprint.server.files.KeyFileException;
import io.imprint.server.files.KeyFiles;
import io.imprint.server.issuance.FileKeyEscrow;
import io.imprint.server.issuance.ProductCaStore;
import io.imprint.server.startup.OpenedStore.CreatedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the keys of a data directory and checks them against a store's identity. Every refusal is a
 * {@link StoreStartException} naming the file and what it is; a key is created only by
 * {@link #createOrKeep} and {@link #createOperatorCa}, which the opener calls for stores without data.
 */
final class KeyChecks {
    private static final Logger LOG = LoggerFactory.getLogger(KeyChecks.class);
    private final Path dir;
    private final String location;

    KeyChecks(Path dir, String location) {
        this.dir = dir;
        this.location = location;
    }

    /** The data directory of an existing store must be there and hold its keys. */
    void requireDirectory(StoreIdentity identity) {
        if (!Files.isDirectory(dir)) {
            throw new StoreStartException(dir + ": no such directory, but " + location + " holds Imprint store "
                    + identity.shortId() + ", whose keys must be there: pass the --data-dir it was made with");
        }
        if (leftover().isEmpty()) {
            throw new StoreStartException(dir + " holds none of the keys of Imprint store " + identity.shortId() + " in "
                    + location + " (keys/escrow.key, keys/audit.key): pass the --data-dir it was made with");
        }
    }

    /** The escrow key; with an identity it must be the recorded one. */
    FileKeyEscrow escrow(StoreIdentity identity) {
        FileKeyEscrow escrow = load(() -> FileKeyEscrow.load(dir), identity);
        compare(escrow.fingerprint(), identity == null ? null : identity.escrowKey(), FileKeyEscrow.file(dir),
                "escrow key", identity);
        return escrow;
    }

    /** The audit key; with an identity it must be the recorded one. */
    AuditKey audit(StoreIdentity identity) {
        AuditKey audit = load(() -> AuditKey.load(dir), identity);
        compare(audit.fingerprint(), identity == null ? null : identity.auditKey(), AuditKey.publicFile(dir),
                "audit key", identity);
        return audit;
    }

    /** Checks keys loaded earlier against {@code identity} (recorded meanwhile by another node). */
    void verify(StoreKeys keys, StoreIdentity identity) {
        compare(keys.escrow().fingerprint(), identity.escrowKey(), FileKeyEscrow.file(dir), "escrow key", identity);
        compare(keys.auditKey().fingerprint(), identity.auditKey(), AuditKey.publicFile(dir), "audit key", identity);
    }

    /** The operator CA: required once the identity records one; otherwise loaded when present, else null. */
    OperatorCa operatorCa(StoreIdentity identity) {
        boolean recorded = identity != null && identity.operatorCa() != null;
        if (!recorded && !Files.exists(OperatorCa.certificateFile(dir)) && !Files.exists(OperatorCa.keyFile(dir))) {
            return null;
        }
        OperatorCa ca = load(() -> OperatorCa.load(dir), identity);
        compare(ca.fingerprint(), recorded ? identity.operatorCa() : null, OperatorCa.certificateFile(dir),
                "operator CA certificate", identity);
        return ca;
    }

    /** The CAs of the enrolled {@code products}, each loaded and checked. */
    ProductCaStore productCas(List<String> products) {
        ProductCaStore cas = new ProductCaStore(dir);
        for (String product : products) {
            try {
                cas.load(product);
            } catch (KeyFileException e) {
                throw new StoreStartException(e.getMessage() + "; product " + product + " is enrolled in " + location
                        + ": restore ca/" + product + "/ from a backup of the data directory (nothing was changed)", e);
            }
        }
        return cas;
    }

    /** The keys of a new store: those already here (an interrupted creation) are kept, the others created. */
    StoreKeys createOrKeep(List<CreatedFile> created) {
        Path escrowFile = FileKeyEscrow.file(dir);
        FileKeyEscrow escrow = keepOrCreate(Files.exists(escrowFile), () -> FileKeyEscrow.load(dir),
                () -> FileKeyEscrow.create(dir), created,
                new CreatedFile(escrowFile.toString(), "escrow key (AES-256, mode 600): encrypts the issued secrets"));
        boolean audit = Files.exists(AuditKey.privateFile(dir)) || Files.exists(AuditKey.publicFile(dir));
        AuditKey auditKey = keepOrCreate(audit, () -> AuditKey.load(dir), () -> AuditKey.create(dir), created,
                new CreatedFile(AuditKey.privateFile(dir) + ", audit.pub.pem",
                        "audit key (P-256, mode 600): signs checkpoints and reconciliations; audit.pub.pem verifies them"));
        OperatorCa ca = operatorCa(null);
        return new StoreKeys(escrow, auditKey, ca != null ? ca : createOperatorCa(created), new ProductCaStore(dir));
    }

    /** A new operator CA for a store that has none. */
    OperatorCa createOperatorCa(List<CreatedFile> created) {
        return keepOrCreate(false, () -> OperatorCa.load(dir), () -> OperatorCa.create(dir), created,
                new CreatedFile(OperatorCa.certificateFile(dir) + ", ca.key",
                        "operator CA (P-256, key mode 600): issues operator certificates (imprint admin issue-cert)"));
    }

    /** Refuses to start a new store beside the keys of an old one. */
    void refuseLeftovers() {
        leftover().ifPresent(key -> {
            throw new StoreStartException(dir + " holds " + key + " of an Imprint store, but " + location
                    + " holds no store: restore the database from a backup, check --database-url, or use an empty "
                    + "--data-dir for a new store (nothing was changed)");
        });
    }

    /** The first escrow or audit key file in the data directory, if any. */
    Optional<Path> leftover() {
        return Stream.of(FileKeyEscrow.file(dir), AuditKey.privateFile(dir), AuditKey.publicFile(dir))
                .filter(Files::exists).findFirst();
    }

    /** One line (also logged at WARN) per private key file that its group or others may read. */
    List<String> permissionWarnings(List<String> products) {
        List<Path> files = new ArrayList<>(List.of(FileKeyEscrow.file(dir), AuditKey.privateFile(dir),
                OperatorCa.keyFile(dir), dir.resolve("tls").resolve("server.key.pem")));
        ProductCaStore cas = new ProductCaStore(dir);
        products.forEach(p -> files.add(cas.keyFile(p)));
        List<String> warnings = new ArrayList<>();
        for (Path file : files) {
            KeyFiles.permissionWarning(file).ifPresent(w -> {
                LOG.warn("{}", w);
                warnings.add(w);
            });
        }
        return warnings;
    }

    private <T> T load(KeyAction<T> action, StoreIdentity identity) {
        try {
            return action.run();
        } catch (KeyFileException e) {
            String owner = identity == null ? "this store holds data made with it"
                    : "Imprint store " + identity.shortId() + " in " + location + " was made with it";
            throw new StoreStartException(e.getMessage() + "; " + owner
                    + ": restore it from a backup of the data directory (nothing was changed)", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreStartException("cannot load the keys in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void compare(String actual, String recorded, Path file, String what, StoreIdentity identity) {
        if (recorded != null && !MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                recorded.getBytes(StandardCharsets.US_ASCII))) {
            throw new StoreStartException(file + " is not the " + what + " of Imprint store " + identity.shortId()
                    + " in " + location + ": the data directory belongs to another store; pass the --data-dir the "
                    + "store was made with, or the --database-url of this data directory (nothing was changed)");
        }
    }

    private <T> T keepOrCreate(boolean present, KeyAction<T> load, KeyAction<T> create, List<CreatedFile> created,
                               CreatedFile made) {
        try {
            if (!present) {
                try {
                    T key = create.run();
                    created.add(made);
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return load.run();
        } catch (KeyFileException e) {
            throw new StoreStartException(e.getMessage() + " (nothing else was changed)", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreStartException("cannot create the keys of the new store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Loads or creates one key. */
    @FunctionalInterface
    private interface KeyAction<T> {
        T run() throws IOException, GeneralSecurityException;
    }
}
