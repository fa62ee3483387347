package io.imprint.cli;

import io.imprint.cli.console.ProgressBar;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.Imprint;
import io.imprint.server.bundle.BundleBuilder;
import io.imprint.server.bundle.BundleManifest;
import io.imprint.server.bundle.BundleRecord;
import io.imprint.server.bundle.BundleSpec;
import io.imprint.server.keystore.KeyStoreBackend;
import io.imprint.server.orders.SerialRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint bundle build}: seals a lot's secrets into a signed bundle and records its manifest. */
@Command(name = "build", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint bundle build --data-dir /srv/imprint --key-store file:./oem-keys \\",
                "      --mp-key-label widget-mp --signing-key-label oem-bundle \\",
                "      --receipt-key-label oem-receipt --product widget --order PO-1 \\",
                "      --random disk-key:32 --unit-random device-key:32 \\",
                "      --serials SN000001..SN000100 --expires 30d --out bundle.imb"},
        description = "Builds a signed offline bundle for an open order; the bundle key is derived where the MP key lives.")
final class BundleBuildCommand implements Callable<Integer> {
    private static final int MAX_UNITS = 100_000;
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;
    @Option(names = "--key-store", required = true, description = "pkcs11:token=T?pin-value=P or file:/dir.") String keyStore;
    @Option(names = "--mp-key-label", required = true, description = "Label of the product's MP key (product import-mp-key --mp-key-label).") String mpKeyLabel;
    @Option(names = "--signing-key-label", required = true, description = "Label of the OEM bundle-signing key (bundle keygen --signing-key-label).") String signingLabel;
    @Option(names = "--receipt-key-label", required = true,
            description = "Label of the OEM receipt key (bundle receipt-keygen --receipt-key-label): devices seal receipts to it.") String receiptLabel;
    @Option(names = "--product", required = true, description = "Enrolled product the bundle is for (its MP key is --mp-key-label).") String product;
    @Option(names = "--order", required = true, description = "Open order of the product: the bundle's lot.") String order;
    @Option(names = "--secret", description = "Lot-wide secret read from a file: name=@file (repeatable).") List<String> secrets = new ArrayList<>();
    @Option(names = "--random", description = "Lot-wide random key: name:bytes (repeatable).") List<String> randoms = new ArrayList<>();
    @Option(names = "--unit-random", description = "Per-unit random key: name:bytes (repeatable; needs --serials).") List<String> unitRandoms = new ArrayList<>();
    @Option(names = "--serials", description = "Serials with per-unit entries, e.g. SN000001..SN010000 (inside the order).") String serials;
    @Option(names = "--image-digest", description = "SHA-256 of the production image to bind the bundle to, 64 hex.") String imageDigest;
    @Option(names = "--expires", required = true, description = "ISO instant or duration from now: 30d, 12h, 45m.") String expires;
    @Option(names = "--out", required = true, description = "Bundle file to write.") Path out;

    @Override
    public Integer call() throws Exception {
        KeyStores.requireAbsent("--out", out);
        Instant expiresAt = KeyStores.expiry(expires, Instant.now());
        Optional<byte[]> image = imageDigest == null ? Optional.empty() : Optional.of(Inputs.hex("--image-digest", imageDigest, 32));
        List<String> serialList = serialList();
        try (Imprint imprint = store.open(spec.commandLine().getErr()); KeyStoreBackend keys = KeyStores.open(keyStore)) {
            imprint.bundles().orderFor(product, order, serialList);
            BundleSpec bundleSpec = new BundleSpec(product, order, givenSecrets(), lengths("--random", randoms),
                    unitSecrets(serialList), image, expiresAt);
            BundleBuilder builder = new BundleBuilder(keys.mpKeyHmac(mpKeyLabel), keys.signingKey(signingLabel),
                    keys.receiptKey(receiptLabel).publicKey(), Clock.systemUTC());
            BundleManifest m;
            try (ProgressBar bar = new ProgressBar(System.err, "sealing units", serialList.size())) {
                long[] last = {0};
                m = builder.build(bundleSpec, out, (done, total) -> {
                    bar.step(done - last[0]);
                    last[0] = done;
                });
            }
            BundleRecord r;
            try {
                r = imprint.bundles().record(m);
            } catch (RuntimeException e) {
                Files.deleteIfExists(out);
                throw e;
            }
            spec.commandLine().getOut().println("Built bundle " + r.bundleId() + " for " + r.product() + " order "
                    + r.lot() + ": " + r.unitCount() + " per-unit entries, expires " + Instant.ofEpochSecond(r.expiresAt())
                    + ", written to " + out + " (" + Files.size(out) + " bytes)");
        }
        return 0;
    }

    private List<String> serialList() {
        if (serials == null) {
            if (!unitRandoms.isEmpty()) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--unit-random needs --serials");
            }
            return List.of();
        }
        SerialRange range = SerialRange.parse(serials);
        if (range.size() > MAX_UNITS || unitRandoms.isEmpty()) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "--serials needs --unit-random and at most " + MAX_UNITS + " serials");
        }
        List<String> out = new ArrayList<>();
        for (long n = range.first(); n <= range.last(); n++) {
            out.add(range.format(n));
        }
        return out;
    }

    private SecretItems givenSecrets() throws java.io.IOException {
        SecretItems.Builder b = SecretItems.builder();
        for (String s : secrets) {
            int eq = s.indexOf("=@");
            if (eq < 1) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--secret must be name=@file (never the value itself)");
            }
            byte[] v = Inputs.readFile("--secret " + s.substring(0, eq), Path.of(s.substring(eq + 2)));
            try {
                b.add(s.substring(0, eq), v);
            } catch (IllegalArgumentException e) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--secret: " + e.getMessage());
            } finally {
                Arrays.fill(v, (byte) 0);
            }
        }
        return b.build();
    }

    private Map<String, SecretItems> unitSecrets(List<String> serialList) {
        Map<String, Integer> lengths = lengths("--unit-random", unitRandoms);
        Map<String, SecretItems> out = new LinkedHashMap<>();
        for (String serial : serialList) {
            SecretItems.Builder b = SecretItems.builder();
            lengths.forEach((name, len) -> {
                byte[] v = Providers.randomBytes(len);
                b.add(name, v);
                Arrays.fill(v, (byte) 0);
            });
            out.put(serial, b.build());
        }
        return out;
    }

    private static Map<String, Integer> lengths(String what, List<String> specs) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String s : specs) {
            String[] parts = s.split(":");
            if (parts.length != 2 || !parts[1].matches("\\d{1,5}") || Integer.parseInt(parts[1]) < 1
                    || Integer.parseInt(parts[1]) > 65_535 || !SecretItems.NAME.matcher(parts[0]).matches()) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, what + " must be name:bytes (1..65535), got " + s);
            }
            out.put(parts[0], Integer.parseInt(parts[1]));
        }
        return out;
    }
}
