package io.imprint.server.bundle;

import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.bundle.BundleReceiptResult.RefusedBundleReceipt;
import io.imprint.server.bundle.BundleReceiptResult.Refusal;
import io.imprint.server.bundle.BundleReceiptResult.VerifiedBundleReceipt;
import io.imprint.server.events.Attempt;
import io.imprint.server.events.EventLog;
import io.imprint.server.products.Product;
import io.imprint.server.products.Products;
import io.imprint.server.store.BundleReceiptRow;
import io.imprint.server.store.BundleRepository;
import io.imprint.server.store.Database;
import io.imprint.server.store.OrderRepository;
import io.imprint.server.store.UniqueViolation;
import io.imprint.server.store.UnitRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code imprint receipts import}: opens each sealed line with the OEM receipt key, verifies it
 * against the product's enrolled MP key
 * ({@link BundleReceiptVerifier}), matches each receipt to its recorded bundle and order, and
 * records each accepted one as a provisioned unit ({@link OfflineUnitRecorder}). Every accepted or
 * refused receipt is one event, as in networked production; a line that does not open is
 * {@code bad-receipt}. Idempotent (by the SHA-256 of the sealed line as written): a line processed before
 * (accepted or refused), or a receipt for a unit already imported from the same bundle, is skipped.
 */
public final class ReceiptImport {
    private static final String ALREADY = "already-imported";
    private final Database db;
    private final BundleRepository bundles;
    private final Products products;
    private final BundleRegistry registry;
    private final OfflineUnitRecorder recorder;
    private final EventLog events;
    private final Clock clock;

    public ReceiptImport(Database db, BundleRepository bundles, UnitRepository units,
            OrderRepository orders, Products products, BundleRegistry registry,
            EventLog events, Clock clock) {
        this.db = db;
        this.bundles = bundles;
        this.products = products;
        this.registry = registry;
        this.recorder = new OfflineUnitRecorder(db, units, orders, bundles, clock);
        this.events = events;
        this.clock = clock;
    }

    /** Imports a receipts file; {@code product} null = the product named by the file's first receipt. */
    public ImportSummary importFile(Path file, String product, ReceiptKeyAgreement receiptKey, ImportProgress progress)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "receipts file " + file + " does not exist");
        }
        if (Files.size(file) > BundleReceiptVerifier.MAX_FILE_BYTES) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE,
                    "receipts file larger than " + BundleReceiptVerifier.MAX_FILE_BYTES + " bytes");
        }
        return importLines(Files.readAllLines(file, StandardCharsets.UTF_8), product, receiptKey, progress);
    }

    /** Opens each sealed line with {@code receiptKey} (the OEM receipt key the bundles named), then imports. */
    public ImportSummary importLines(List<String> lines, String productName, ReceiptKeyAgreement receiptKey,
            ImportProgress progress) {
        if (lines.size() > BundleReceiptVerifier.MAX_LINES) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE,
                    "receipts file has more than " + BundleReceiptVerifier.MAX_LINES + " lines");
        }
        Map<String, BundleRecord> known = new HashMap<>();
        Map<String, BundleManifest> manifests = new HashMap<>();
        String name = productName;
        List<OpenedLine> opened = OpenedLine.openAll(lines, receiptKey);
        for (OpenedLine line : opened) {
            Optional<BundleReceipt> r = line.receipt();
            if (r.isEmpty()) {
                continue;
            }
            name = name == null ? r.get().product() : name;
            String id = r.get().bundleIdHex();
            if (!known.containsKey(id)) {
                registry.find(id).ifPresent(b -> known.put(id, b));
                registry.manifest(id).ifPresent(m -> manifests.put(id, m));
            }
        }
        if (name == null) {
            throw new ImprintException(ProblemCode.BAD_RECEIPT, "no line of the receipts file opens with receipt key "
                    + receiptKey.description() + " (wrong key, or not sealed receipts); give --product to record them as refused");
        }
        Product product = products.get(name);
        manifests.values().removeIf(m -> !m.product().equals(product.name()));
        List<BundleReceiptResult> results = new BundleReceiptVerifier().verify(opened, product.mpKey(), manifests);
        int imported = 0;
        int already = 0;
        Map<String, Integer> refused = new HashMap<>();
        for (BundleReceiptResult result : results) {
            String lineSha = sha256Hex(lines.get(result.line() - 1));
            String outcome;
            if (db.autoCommit(c -> bundles.receiptSeen(c, lineSha))) {
                outcome = ALREADY;
            } else if (result instanceof VerifiedBundleReceipt v) {
                outcome = accept(v.receipt(), known.get(v.receipt().bundleIdHex()), lineSha);
            } else {
                RefusedBundleReceipt r = (RefusedBundleReceipt) result;
                outcome = r.refusal() == Refusal.REPEATED ? ALREADY : refuse(r.refusal().problem(), r.detail(),
                        r.receipt(), r.receipt().map(x -> known.get(x.bundleIdHex())).orElse(null), lineSha);
            }
            if (outcome.equals(EventLog.PROVISIONED)) {
                imported++;
            } else if (outcome.equals(ALREADY)) {
                already++;
            } else {
                refused.merge(outcome, 1, Integer::sum);
            }
            progress.receiptDone(results.size());
        }
        return new ImportSummary(imported, already, refused);
    }

    /** {@code provisioned}, {@link #ALREADY} or the refusal's problem slug. */
    private String accept(BundleReceipt r, BundleRecord bundle, String lineSha) {
        try {
            if (recorder.record(r, bundle, lineSha) == OfflineUnitRecorder.Outcome.ALREADY_IMPORTED) {
                return ALREADY;
            }
            events.record(EventLog.PROVISIONED, attempt(Optional.of(r), bundle, lineSha),
                    "offline bundle " + bundle.bundleId());
            return EventLog.PROVISIONED;
        } catch (ImprintException e) {
            return refuse(e.code(), e.detail(), Optional.of(r), bundle, lineSha);
        }
    }

    private String refuse(ProblemCode code, String detail, Optional<BundleReceipt> r, BundleRecord bundle,
            String lineSha) {
        try {
            db.autoCommit(c -> {
                bundles.insertReceipt(c, new BundleReceiptRow(lineSha, bundle == null ? null : bundle.bundleId(),
                        r.map(BundleReceipt::chipIdHex).orElse(null), r.map(BundleReceipt::serial).orElse(null),
                        code.slug(), clock.instant()));
                return null;
            });
        } catch (UniqueViolation concurrent) {
            return code.slug(); // another import recorded this very line meanwhile; its event stands
        }
        events.record(code.slug(), attempt(r, bundle, lineSha), detail);
        return code.slug();
    }

    private static Attempt attempt(Optional<BundleReceipt> r, BundleRecord bundle, String lineSha) {
        Attempt a = new Attempt().evidenceSha256(lineSha);
        r.ifPresent(x -> a.product(x.product()).chipId(x.chipIdHex()).serial(x.serial()));
        if (bundle != null) {
            a.product(bundle.product()).orderId(bundle.orderId());
        }
        return a;
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
