package io.imprint.cli.bench;

import io.imprint.cli.console.ProgressBar;
import io.imprint.cli.backend.CaamEmulatedLine;
import io.imprint.cli.demo.Demo;
import io.imprint.cli.demo.ProductionLine;
import io.imprint.cli.demo.ScratchDirectory;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.protocol.crypto.Providers;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.ratelimit.RateLimits;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.orders.OrderRequest;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imprint bench provision}: the networked flow at volume. A server on loopback (TLS 1.3), a
 * product enrolled from an emulated reference chip with the demo's policy, an order of N, and N emulated
 * devices provisioned by S concurrent stations with the real device agent; prints throughput and
 * per-unit latencies (challenge through confirmed receipt).
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint bench provision --devices 2000 --stations 4",
                "  imprint bench provision --devices 2000 \\",
                "      --database-url \"jdbc:postgresql://127.0.0.1/bench?user=postgres\""},
        description = {"Starts a server on loopback on a fresh data directory (SQLite, or --database-url PostgreSQL),",
                "enrolls a product from an EMULATED reference chip, opens an order of N units and provisions N",
                "emulated devices over TLS with S concurrent stations; prints units/s and latency percentiles."})
public final class ProvisionBench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--devices", defaultValue = "1000", description = "Units to provision (default: ${DEFAULT-VALUE}).")
    int devices;
    @Option(names = "--stations", defaultValue = "4", description = "Concurrent stations (default: ${DEFAULT-VALUE}).")
    int stations;
    @Option(names = "--data-dir", description = "Fresh data directory (default: a new one under the system temp dir).")
    Path dataDir;
    @Option(names = "--keep", description = "Keep the temporary data directory (a --data-dir is always kept).")
    boolean keep;
    @Option(names = "--database-url",
            description = "PostgreSQL JDBC URL (jdbc:postgresql://host/db?user=...) instead of SQLite in the data directory.")
    String databaseUrl;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || devices > 100_000) {
            throw new IllegalArgumentException("--devices must be 1..100000");
        }
        if (stations < 1 || stations > 64) {
            throw new IllegalArgumentException("--stations must be 1..64");
        }
        if (dataDir != null || keep) {
            return run(dataDir != null ? freshDirectory() : Files.createTempDirectory("imprint-bench-"), true);
        }
        try (ScratchDirectory scratch = ScratchDirectory.create("imprint-bench-")) {
            return run(scratch.path(), false);
        }
    }

    private int run(Path dir, boolean kept) throws Exception {
        // A product and order name of their own, so runs can share one PostgreSQL database.
        String run = HexFormat.of().formatHex(Providers.randomBytes(4));
        String product = "bench-" + run;
        PrintWriter out = spec.commandLine().getOut();
        // Every emulated station connects from 127.0.0.1: per-client limits would measure the limiter.
        ServerConfig config = ServerConfig.defaults(dir).withPort(0).withDatabaseUrl(databaseUrl)
                .withMaxOutstandingChallenges(Long.MAX_VALUE);
        RateLimits unlimited = new RateLimits(1e9, Integer.MAX_VALUE, 1e9, Integer.MAX_VALUE, 1);
        try (Imprint imprint = Imprint.openOrCreate(config);
             DeviceListener listener = imprint.startDeviceListener(unlimited)) {
            URI uri = URI.create("https://127.0.0.1:" + listener.port());
            CaamEmulatedLine family = new CaamEmulatedLine();
            imprint.products().enroll(family.enrollment(product, Demo.TEMPLATE, Demo.POLICY));
            List<String> serials = IntStream.rangeClosed(1, devices).mapToObj(i -> String.format("SN%06d", i)).toList();
            imprint.orders().create(new OrderRequest("BENCH-" + run, product, "bench-ems", devices,
                    serials.get(0) + ".." + serials.get(devices - 1)));
            Latencies latencies = new Latencies();
            long started;
            long elapsed;
            try (ProvisioningClient client = new ProvisioningClient(uri, ServerTrust.pinned(listener.fingerprint()),
                    RetryPolicy.defaults())) {
                ProductionLine line = new ProductionLine(client, family, dir.resolve("devices"), product);
                started = System.nanoTime();
                try (ProgressBar progress = new ProgressBar(System.err, "provisioning", devices)) {
                    line.run(serials, stations, progress, serial -> latencies.add(
                            TimedProvisioning.run(line.agent(line.genuine()), client, product, serial)));
                }
                elapsed = System.nanoTime() - started;
            }
            long provisioned = imprint.events().unitsByState(product, null).getOrDefault("provisioned", 0L);
            double secs = elapsed / 1e9;
            out.printf("%d units on %d stations, %s, over TLS 1.3 on loopback (EMULATED i.MX chips)%n", devices,
                    stations, databaseUrl == null ? "SQLite in " + dir : "PostgreSQL");
            out.printf("total %.2f s, %.1f units/s; %d units provisioned in the store%n", secs, devices / secs,
                    provisioned);
            latencies.table().print(out);
            out.println("Round trips are timed at the device and include TLS, HTTP and JSON on loopback; "
                    + "devices and server share this machine's cores.");
            out.println(kept ? "Data directory: " + dir : "Data directory " + dir + " is removed now (--keep keeps it)");
            out.flush();
            return provisioned == devices && latencies.count() == devices ? 0 : 1;
        }
    }

    private Path freshDirectory() throws java.io.IOException {
        if (dataDir == null) {
            return Files.createTempDirectory("imprint-bench-");
        }
        if (Files.isDirectory(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--data-dir " + dataDir + " is not empty; the bench needs a fresh one");
                }
            }
        }
        return Files.createDirectories(dataDir);
    }
}
