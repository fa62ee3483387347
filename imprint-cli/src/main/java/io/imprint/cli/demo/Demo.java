package io.imprint.cli.demo;

import io.imprint.cli.console.ProgressBar;
import io.imprint.cli.console.Table;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.events.EventLog;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.policy.SoftwareRule;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;

/** Runs the demo scenario end to end and prints what happens. */
public final class Demo {
    static final String PRODUCT = "gateway-x";
    static final String ORDER = "PO-DEMO-001";
    /** What the demo's emulated chips run: software 1.0.0, closed lifecycle, MPMR all zeros. */
    public static final ProductPolicy POLICY = new ProductPolicy(SoftwareRule.parse(">=1.0.0"), java.util.List.of(), false,
            java.util.List.of(io.imprint.protocol.mp.Mpmr.ZEROS), null);
    private final Path dataDir;
    private final int devices;
    private final int stations;
    private final boolean keepRunning;
    private final PrintWriter out;

    public Demo(Path dataDir, int devices, int stations, boolean keepRunning, PrintWriter out) {
        this.dataDir = dataDir;
        this.devices = devices;
        this.stations = stations;
        this.keepRunning = keepRunning;
        this.out = out;
    }

    /** Returns 0 when every unit was provisioned and every attack refused with its expected code. */
    public int run() throws Exception {
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0);
        try (Imprint imprint = Imprint.open(config); DeviceListener listener = imprint.startDeviceListener()) {
            URI uri = URI.create("https://127.0.0.1:" + listener.port());
            say("Imprint demo (devices are EMULATED i.MX chips: software emulation of the CAAM, not silicon)");
            say("  server   %s  TLS 1.3, certificate SHA-256 %s", uri, listener.fingerprint());
            say("  store    embedded SQLite in %s", dataDir);

            ProductFamily family = ProductFamily.random();
            EmulatedCaamChip reference = family.genuineChip();
            imprint.products().enroll(family.enrollment(PRODUCT, reference));
            say("1. enrolled %s: MP key read from reference chip %s (%s...)", PRODUCT, reference.chipIdHex(),
                    reference.publicKey().hex().substring(0, 24));
            say("   policy   %s", POLICY.describe());

            String range = serial(1) + ".." + serial(2L * devices);
            Order order = imprint.orders().create(new OrderRequest(ORDER, PRODUCT, "acme-ems", devices, range));
            say("2. opened order %s for acme-ems: %d units, serials %s", order.name(), order.quantity(), range);

            AttestationRequest captured;
            try (ProvisioningClient client = new ProvisioningClient(uri, ServerTrust.pinned(listener.fingerprint()),
                    RetryPolicy.defaults())) {
                ProductionLine line = new ProductionLine(client, family, dataDir.resolve("devices"), PRODUCT);
                say("3. production run: %d emulated devices on %d stations", devices, stations);
                try (ProgressBar progress = new ProgressBar(System.out, "   provisioning", devices)) {
                    captured = line.provisionCapturing(serial(1));
                    progress.step();
                    line.provision(LongStream.rangeClosed(2, devices).mapToObj(Demo::serial).toList(), stations, progress);
                }
                say("4. attacks (each must be refused):");
                boolean allRefused = true;
                for (Attack attack : Attacks.all(line, client, family, PRODUCT, captured, serial(1), serial(devices + 1L))) {
                    allRefused &= attempt(attack);
                }
                summary(imprint);
                if (keepRunning) {
                    waitForInterrupt(uri, listener.fingerprint());
                }
                return allRefused ? 0 : 1;
            }
        }
    }

    private boolean attempt(Attack attack) {
        try {
            attack.step().run();
            say("   %-18s ACCEPTED (expected %s) -- %s", attack.name(), attack.expected().slug(), attack.story());
            return false;
        } catch (ImprintException e) {
            boolean ok = e.code() == attack.expected();
            say("   %-18s refused: %-24s %s%s", attack.name(), e.code().slug() + " (" + e.code().httpStatus() + ")",
                    attack.story(), ok ? "" : "  [expected " + attack.expected().slug() + "]");
            return ok;
        } catch (Exception e) {
            say("   %-18s FAILED: %s", attack.name(), e);
            return false;
        }
    }

    private void summary(Imprint imprint) {
        Map<String, Long> units = imprint.events().unitsByState(PRODUCT, null);
        Map<String, Long> outcomes = imprint.events().countsByOutcome(PRODUCT, null);
        say("5. summary");
        Table t = new Table("outcome", "count", "alert class");
        t.row("provisioned (receipt verified)", units.getOrDefault("provisioned", 0L), "");
        t.row("issued, never confirmed", units.getOrDefault("issued", 0L), "");
        t.row("re-issued to the same chip", outcomes.getOrDefault(EventLog.REISSUED, 0L), "");
        outcomes.forEach((code, n) -> {
            ProblemCode problem = ProblemCode.fromSlug(code);
            if (problem != ProblemCode.INTERNAL || "internal".equals(code)) {
                t.row("refused: " + code, n, problem.alertClass().name().toLowerCase(Locale.ROOT));
            }
        });
        t.print(out);
        out.flush();
        try {
            var verified = imprint.audit().verifyStore();
            say("Audit trail: %d hash-chained entries verified (head %s...); 'imprint audit export' makes a signed copy.",
                    verified.entryCount(), verified.headHash().substring(0, 16));
        } catch (java.security.GeneralSecurityException e) {
            say("Audit trail: DOES NOT VERIFY: %s", e.getMessage());
        }
        say("Data lives in %s:", dataDir);
        say("  imprint.db (SQLite: products, orders, units, events), ca/ (product CAs), keys/ (escrow KEK, audit key),");
        say("  tls/ (server certificate), devices/<chip id>/ (each emulated device's CAAM blobs)");
    }

    private void waitForInterrupt(URI uri, String fingerprint) throws InterruptedException {
        say("Server keeps running at %s (--server-fingerprint %s). Press Ctrl-C to stop.", uri, fingerprint);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }

    static String serial(long n) {
        return String.format("SN%06d", n);
    }

    private void say(String format, Object... args) {
        out.println(args.length == 0 ? format : String.format(format, args));
        out.flush();
    }
}
