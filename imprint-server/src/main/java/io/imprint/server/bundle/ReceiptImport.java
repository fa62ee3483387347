package io.imprint.server.bundle;

import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.bundle.BundleReceiptResult.RefusedBundleReceipt;
import io.imprint.server.bundle.BundleReceiptResult.Refusal;
import io.imprint.server.bundle.BundleReceiptResult.VerifiedBundleReceipt;
import io.imprint.server.events.EventLog;
import io.imprint.server.products.Product;
import io.imprint.server.products.Products;
import io.imprint.server.store.BundleReceiptRow;
import io.imprint.server.store.BundleRepository;
import io.imprint.server.store.Database;
import io.imprint.server.store.OrderRepository;
import io.imprint.server.store.UnitRepository;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code imprint receipts import}: opens each sealed line with the OEM receipt key, groups the lines
 * by the product of the bundle they name (from its recorded manifest), verifies each group against
 * that product's enrolled MP key ({@link BundleReceiptVerifier}), and records each accepted receipt
 * as a provisioned unit of its bundle's order ({@link OfflineUnitRecorder}). Idempotent in what it
 * counts: a line is remembered by the SHA-256 of its text once its verdict is final (accepted, or
 * refused for good: see {@link Refusal#settles()}) and reported as already imported (or refused
 * earlier) afterwards; a
 * line refused for a reason later state can change (order inactive, quota exhausted, unknown bundle)
 * is evaluated again on every import, with one event per new reason ({@link ReceiptVerdicts}).
 */
public final class ReceiptImport {
    private static final String ALREADY = "already-imported";
    private static final String REFUSED_EARLIER = "refused-earlier";
    /** Problems raised while recording a unit that no later state can change (the order's range never does). */
    private static final Set<ProblemCode> SETTLED = Set.of(ProblemCode.CHIP_SERIAL_MISMATCH,
            ProblemCode.SERIAL_IN_USE, ProblemCode.SERIAL_NOT_AUTHORIZED);
    private final Products products;
    private final BundleRegistry registry;
    private final OfflineUnitRecorder recorder;
    private final ReceiptVerdicts verdicts;
    private final EventLog events;

    public ReceiptImport(Database db, BundleRepository bundles, UnitRepository units,
            OrderRepository orders, Products products, BundleRegistry registry,
            EventLog events, Clock clock) {
        this.products = products;
        this.registry = registry;
        this.recorder = new OfflineUnitRecorder(db, units, orders, bundles, clock);
        this.verdicts = new ReceiptVerdicts(db, bundles, events, clock);
        this.events = events;
    }

    /** Imports a receipts file; {@code product} null = every product, else only that product's lines. */
    public ImportSummary importFile(Path file, String product, ReceiptKeyAgreement receiptKey, ImportProgress progress)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "receipts file " + file + " does not exist");
        }
        if (Files.size(file) > BundleReceiptVerifier.MAX_FILE_BYTES) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE,
                    "receipts file larger than " + BundleReceiptVerifier.MAX_FILE_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ImprintException(ProblemCode.BAD_RECEIPT, "receipts file " + file
                    + " is not UTF-8 text (a receipts file has one sealed receipt per line)");
        }
        return importLines(text.lines().toList(), product, receiptKey, progress);
    }

    /**
     * Opens each sealed line with {@code receiptKey} (the OEM receipt key the bundles named), then
     * imports it. {@code onlyProduct} (null = all) is a filter: lines whose bundle belongs to another
     * product (by its manifest, or by the receipt when the bundle is not recorded) are skipped and
     * nothing is stored for them. A file none of whose lines opens is refused whole, recording nothing
     * (most likely the wrong receipt key).
     */
    public ImportSummary importLines(List<String> lines, String onlyProduct, ReceiptKeyAgreement receiptKey,
            ImportProgress progress) {
        if (lines.size() > BundleReceiptVerifier.MAX_LINES) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE,
                    "receipts file has more than " + BundleReceiptVerifier.MAX_LINES + " lines");
        }
        if (onlyProduct != null) {
            products.get(onlyProduct); // an unknown product is an error, not a filter that skips everything
        }
        List<OpenedLine> opened = OpenedLine.openAll(lines, receiptKey);
        if (!opened.isEmpty() && opened.stream().allMatch(l -> l.signed().isEmpty())) {
            throw new ImprintException(ProblemCode.BAD_RECEIPT, "no line of the receipts file opens with receipt key "
                    + receiptKey.description() + " (wrong key, or not sealed receipts); nothing was recorded");
        }
        Map<String, Optional<BundleRecord>> known = new HashMap<>();
        Map<String, BundleManifest> manifests = new HashMap<>();
        Map<String, List<OpenedLine>> byProduct = new LinkedHashMap<>();
        List<BundleReceiptResult> results = new ArrayList<>();
        int skipped = 0;
        for (OpenedLine line : opened) {
            Optional<BundleReceipt> r = line.receipt();
            if (r.isEmpty()) {
                results.add(new RefusedBundleReceipt(line.number(), Refusal.MALFORMED, line.problem(), Optional.empty()));
                continue;
            }
            String id = r.get().bundleIdHex();
            if (!known.containsKey(id)) {
                known.put(id, registry.find(id));
                registry.manifest(id).ifPresent(m -> manifests.put(id, m));
            }
            String product = known.get(id).map(BundleRecord::product).orElse(r.get().product());
            if (onlyProduct != null && !onlyProduct.equals(product)) {
                skipped++;
                progress.receiptDone(opened.size());
                continue;
            }
            byProduct.computeIfAbsent(product, p -> new ArrayList<>()).add(line);
        }
        byProduct.forEach((name, group) -> results.addAll(verify(name, group, manifests)));
        results.sort(Comparator.comparingInt(BundleReceiptResult::line));
        int imported = 0;
        int already = 0;
        int earlier = 0;
        Map<String, Integer> refused = new HashMap<>();
        List<RefusedLine> refusedLines = new ArrayList<>();
        for (BundleReceiptResult result : results) {
            Verdict v = handle(result, lines.get(result.line() - 1), known);
            switch (v.outcome()) {
                case EventLog.PROVISIONED -> imported++;
                case ALREADY -> already++;
                case REFUSED_EARLIER -> earlier++;
                default -> {
                    refused.merge(v.outcome(), 1, Integer::sum);
                    Optional<BundleReceipt> r = receiptOf(result);
                    refusedLines.add(new RefusedLine(result.line(), r.map(BundleReceipt::serial).orElse(null),
                            r.map(BundleReceipt::chipIdHex).orElse(null), v.outcome(), v.detail()));
                }
            }
            progress.receiptDone(opened.size());
        }
        return new ImportSummary(imported, already, refused, skipped, earlier, refusedLines);
    }

    /** What became of one line: {@code provisioned}, {@link #ALREADY}, {@link #REFUSED_EARLIER} or a refusal's slug. */
    private record Verdict(String outcome, String detail) {
        static Verdict of(String outcome) {
            return new Verdict(outcome, null);
        }
    }

    private static Optional<BundleReceipt> receiptOf(BundleReceiptResult result) {
        return switch (result) {
            case VerifiedBundleReceipt v -> Optional.of(v.receipt());
            case RefusedBundleReceipt r -> r.receipt();
        };
    }

    /** Verifies one product's lines with its MP key; a product not enrolled (yet) refuses them as unknown. */
    private List<BundleReceiptResult> verify(String name, List<OpenedLine> group, Map<String, BundleManifest> manifests) {
        Optional<Product> product = products.find(name);
        if (product.isEmpty()) {
            return group.stream().<BundleReceiptResult>map(l -> new RefusedBundleReceipt(l.number(),
                    Refusal.UNKNOWN_BUNDLE, "product " + name + " is not enrolled", l.receipt())).toList();
        }
        return new BundleReceiptVerifier().verify(group, product.get().mpKey(), manifests);
    }

    private Verdict handle(BundleReceiptResult result, String text, Map<String, Optional<BundleRecord>> known) {
        String lineSha = sha256Hex(text);
        Optional<BundleReceiptRow> previous = verdicts.previous(lineSha);
        if (previous.filter(BundleReceiptRow::settled).isPresent()) {
            return Verdict.of(EventLog.PROVISIONED.equals(previous.get().outcome()) ? ALREADY : REFUSED_EARLIER);
        }
        if (result instanceof VerifiedBundleReceipt v) {
            return accept(v.receipt(), known.get(v.receipt().bundleIdHex()).orElseThrow(), lineSha, previous);
        }
        RefusedBundleReceipt r = (RefusedBundleReceipt) result;
        if (r.refusal() == Refusal.REPEATED) {
            return Verdict.of(ALREADY);
        }
        BundleRecord bundle = r.receipt().flatMap(x -> known.get(x.bundleIdHex())).orElse(null);
        return new Verdict(verdicts.refuse(r.refusal().problem(), r.refusal().settles(), r.detail(), r.receipt(), bundle,
                lineSha, previous), r.detail());
    }

    private Verdict accept(BundleReceipt r, BundleRecord bundle, String lineSha, Optional<BundleReceiptRow> previous) {
        try {
            OfflineUnitRecorder.Outcome outcome = recorder.record(r, bundle, lineSha, c -> {
                events.record(c, EventLog.PROVISIONED, ReceiptVerdicts.attempt(Optional.of(r), bundle, lineSha),
                        "offline bundle " + bundle.bundleId());
                return null;
            });
            return Verdict.of(outcome == OfflineUnitRecorder.Outcome.ALREADY_IMPORTED ? ALREADY : EventLog.PROVISIONED);
        } catch (ImprintException e) {
            return new Verdict(verdicts.refuse(e.code(), SETTLED.contains(e.code()), e.detail(), Optional.of(r), bundle,
                    lineSha, previous), e.detail());
        }
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
