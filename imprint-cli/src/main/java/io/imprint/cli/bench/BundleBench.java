package io.imprint.cli.bench;

import io.imprint.cli.console.ProgressBar;
import io.imprint.cli.console.Table;
import io.imprint.cli.demo.ScratchDirectory;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.MpSignature;
import io.imprint.device.bundle.BundleApplier;
import io.imprint.device.bundle.ReceiptsFile;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.BundleReceiptCodec;
import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.bundle.ReceiptSeal;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.bundle.BundleBuilder;
import io.imprint.server.bundle.BundleManifest;
import io.imprint.server.bundle.BundleSpec;
import io.imprint.server.bundle.ImportSummary;
import io.imprint.server.keystore.SoftwareKeyStore;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.products.ProductEnrollment;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint bench bundle}: the offline workflow at volume (build, apply, receipts, import). */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint bench bundle --units 10000"},
        description = "Builds an N-unit per-unit bundle (software key store, SQLite in a fresh directory), applies it "
                + "on one emulated chip, writes N emulated-MP-signed receipts and imports them twice.")
public final class BundleBench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--units", defaultValue = "10000", description = "Units (default: ${DEFAULT-VALUE}).") int units;
    @Option(names = "--work-dir", description = "Fresh directory to work in (default: a temporary one).") Path workDir;
    @Option(names = "--keep", description = "Keep the temporary work directory (a --work-dir is always kept).") boolean keep;

    @Override
    public Integer call() throws Exception {
        if (units < 1 || units > 100_000) {
            throw new IllegalArgumentException("--units must be 1..100000");
        }
        if (workDir != null || keep) {
            return run(workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("imprint-bench-"), true);
        }
        try (ScratchDirectory scratch = ScratchDirectory.create("imprint-bench-")) {
            return run(scratch.path(), false);
        }
    }

    private int run(Path dir, boolean kept) throws Exception {
        byte[] srk = Providers.randomBytes(32);
        byte[] seed = Providers.randomBytes(32);
        EmulatedCaamChip chip = EmulatedCaamChip.builder("MIMX8MM6", srk, seed).build();
        String last = String.format("SN%06d", units);
        Table t = new Table("step", "units", "seconds", "per second");
        try (Imprint imprint = Imprint.openOrCreate(ServerConfig.defaults(dir.resolve("data")));
             SoftwareKeyStore keys = new SoftwareKeyStore(dir.resolve("keys"))) {
            imprint.products().enroll(new ProductEnrollment("bench", "MIMX8MM6", HexFormat.of().formatHex(srk),
                    chip.publicKey().hex(), null));
            imprint.orders().create(new OrderRequest("bench-lot", "bench", "Bench EMS", units, "SN000001.." + last));
            keys.importMpKey("bench-mp", chip.publicKey());
            BundleSigner signer = keys.createSigningKey("bench-oem");
            ReceiptKeyAgreement receiptKey = keys.createReceiptKey("bench-receipt");

            long t0 = System.nanoTime();
            BundleManifest m = build(keys, signer, receiptKey, dir.resolve("bench.imb"));
            imprint.bundles().record(m);
            row(t, "build + record bundle", units, t0);

            t0 = System.nanoTime();
            new BundleApplier(chip, chip, new EmulatedCaamBlobStore(dir.resolve("chip-blobs"), chip),
                    new ReceiptsFile(dir.resolve("apply-receipts.txt"))).apply(Files.readAllBytes(dir.resolve("bench.imb")),
                    signer.publicKey(), "bench", last, Optional.empty(), Instant.now());
            row(t, "apply on one emulated chip", 1, t0);

            t0 = System.nanoTime();
            Path receipts = receipts(chip, m, receiptKey, dir.resolve("receipts.txt"));
            row(t, "sign receipts (emulated MP)", units, t0);

            for (String pass : new String[] {"import receipts", "import again (idempotent)"}) {
                t0 = System.nanoTime();
                ImportSummary s;
                try (ProgressBar bar = new ProgressBar(System.err, pass, units)) {
                    s = imprint.receiptImport().importFile(receipts, "bench", receiptKey, total -> bar.step());
                }
                row(t, pass + ": " + s.imported() + " new, " + s.alreadyImported() + " known, " + s.refused()
                        + " refused", units, t0);
            }
        }
        t.print(spec.commandLine().getOut());
        spec.commandLine().getOut().println(kept ? "Work directory: " + dir
                : "Work directory " + dir + " is removed now (--keep keeps it)");
        return 0;
    }

    private BundleManifest build(SoftwareKeyStore keys, BundleSigner signer, ReceiptKeyAgreement receiptKey, Path out)
            throws Exception {
        Map<String, SecretItems> unitSecrets = new LinkedHashMap<>();
        for (int i = 1; i <= units; i++) {
            unitSecrets.put(String.format("SN%06d", i),
                    SecretItems.builder().add("device-key", Providers.randomBytes(32)).build());
        }
        BundleSpec s = new BundleSpec("bench", "bench-lot", SecretItems.builder().build(), Map.of("disk-key", 32),
                unitSecrets, Optional.empty(), Instant.now().plusSeconds(86_400));
        try (ProgressBar bar = new ProgressBar(System.err, "sealing units", units)) {
            long[] done = {0};
            return new BundleBuilder(keys.mpKeyHmac("bench-mp"), signer, receiptKey.publicKey(), Clock.systemUTC()).build(s, out, (d, total) -> {
                bar.step(d - done[0]);
                done[0] = d;
            });
        }
    }

    private Path receipts(EmulatedCaamChip chip, BundleManifest m, ReceiptKeyAgreement receiptKey, Path file)
            throws Exception {
        byte[] bundleId = HexFormat.of().parseHex(m.bundleId());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 1; i <= units; i++) {
                String serial = String.format("SN%06d", i);
                byte[] chipId = HexFormat.of().parseHex(String.format("%016x", 0x1000_0000L + i));
                byte[] msg = BundleReceiptCodec.encode(new BundleReceipt(chipId, serial, bundleId, "bench",
                        m.expectedDigest(serial).orElseThrow(), Instant.now().getEpochSecond(), 0));
                MpSignature sig = chip.sign(msg);
                w.write(ReceiptSeal.seal(receiptKey.publicKey(), new SignedReceipt(msg, sig.mpmr(), sig.rs())).format());
                w.write('\n');
            }
        }
        return file;
    }

    private static void row(Table t, String step, int n, long startNanos) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        t.row(step, n, String.format("%.2f", secs), String.format("%.0f", n / secs));
    }
}
