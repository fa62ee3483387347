package io.imprint.cli.demo;

import io.imprint.cli.backend.BackendProvider;
import io.imprint.cli.backend.CaamEmulatedBackend;
import io.imprint.cli.backend.CaamEmulatedLine;
import io.imprint.cli.backend.DeviceLine;
import io.imprint.cli.console.ProgressBar;
import io.imprint.cli.console.Table;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.events.EventLog;
import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.issuance.SecretSpec;
import io.imprint.server.issuance.SecretTemplate;
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
    public static final ProductPolicy POLICY = policy(io.imprint.protocol.mp.Mpmr.ZEROS);
    /** Two random 32-byte secrets per unit. */
    public static final SecretTemplate TEMPLATE = SecretTemplate.parse("disk-encryption-key:random:32,cloud-api-token:random:32");
    private final Path dataDir;
    private final int devices;
    private final int stations;
    private final boolean keepRunning;
    private final boolean kept;
    private final PrintWriter out;
    private final BackendProvider backend;

    /**
     * {@code kept}: the data directory outlives the demo (given by the user, or {@code --keep}), so the
     * next commands are printed with its paths; they are also printed while {@code keepRunning}.
     */
    public Demo(Path dataDir, int devices, int stations, boolean keepRunning, boolean kept, PrintWriter out) {
        this(dataDir, devices, stations, keepRunning, kept, out, new CaamEmulatedBackend());
    }

    /** The demo's policy for chips that sign over {@code mpmr}: software >= 1.0.0, closed lifecycle. */
    public static ProductPolicy policy(io.imprint.protocol.mp.Mpmr mpmr) {
        return new ProductPolicy(SoftwareRule.parse(">=1.0.0"), java.util.List.of(), false, java.util.List.of(mpmr), null);
    }

    /** As above, the production run on devices of {@code backend}. */
    public Demo(Path dataDir, int devices, int stations, boolean keepRunning, boolean kept, PrintWriter out,
                BackendProvider backend) {
        this.backend = backend;
        this.dataDir = dataDir;
        this.devices = devices;
        this.stations = stations;
        this.keepRunning = keepRunning;
        this.kept = kept;
        this.out = out;
    }

    /** Returns 0 when every unit was provisioned and every attack refused with its expected code. */
    public int run() throws Exception {
        ch.qos.logback.classic.Level before = quietRefusalLog(ch.qos.logback.classic.Level.ERROR);
        try {
            return runQuietly();
        } finally {
            quietRefusalLog(before);
        }
    }

    private int runQuietly() throws Exception {
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0);
        try (Imprint imprint = Imprint.openOrCreate(config); DeviceLine devicesLine = backend.line(dataDir);
             DeviceListener listener = imprint.startDeviceListener()) {
            URI uri = URI.create("https://127.0.0.1:" + listener.port());
            say("Imprint demo (devices are %s)", devicesLine.description());
            say("  server   %s  TLS 1.3, certificate SHA-256 %s", uri, listener.fingerprint());
            say("  store    embedded SQLite in %s", dataDir);

            imprint.products().enroll(devicesLine.enrollment(PRODUCT, TEMPLATE, devicesLine.policy()));
            if (devicesLine instanceof CaamEmulatedLine mp) {
                say("1. enrolled %s: MP key read from reference chip %s (%s...)", PRODUCT, mp.reference().chipIdHex(),
                        mp.reference().publicKey().hex().substring(0, 24));
            } else if (devicesLine.method() == io.imprint.protocol.method.AttestationMethod.CAAM_MP) {
                say("1. enrolled %s: MP key read from reference chip %s", PRODUCT, devicesLine.referenceSource());
            } else {
                say("1. enrolled %s: accepts %s devices whose certificate chains to %s", PRODUCT,
                        devicesLine.method().slug(), imprint.productMethods().roots(PRODUCT).stream()
                                .map(r -> r.subject()).toList());
            }
            say("   policy   %s", devicesLine.policy().describe());

            String range = serial(1) + ".." + serial(2L * devices);
            Order order = imprint.orders().create(new OrderRequest(ORDER, PRODUCT, "acme-ems", devices, range));
            say("2. opened order %s for acme-ems: %d units, serials %s", order.name(), order.quantity(), range);

            AttestationRequest captured;
            try (ProvisioningClient client = new ProvisioningClient(uri, ServerTrust.pinned(listener.fingerprint()),
                    RetryPolicy.defaults())) {
                ProductionLine line = new ProductionLine(client, devicesLine, dataDir.resolve("devices"), PRODUCT);
                say("3. production run: %d emulated devices on %d stations", devices, stations);
                try (ProgressBar progress = new ProgressBar(System.out, "   provisioning", devices)) {
                    captured = line.provisionCapturing(serial(1));
                    progress.step();
                    line.provision(LongStream.rangeClosed(2, devices).mapToObj(Demo::serial).toList(), stations, progress);
                }
                say("   delivered to each unit, sealed end to end and stored in its %s (values never printed):",
                        devicesLine.storedIn());
                say("   %s", delivered(imprint.products().get(PRODUCT).template()));
                say("4. attacks (each must be refused):");
                boolean allRefused = true;
                for (Attack attack : Attacks.all(line, client, devicesLine, PRODUCT, captured, serial(1),
                        serial(devices + 1L))) {
                    allRefused &= attempt(attack);
                }
                summary(imprint, devicesLine);
                nextSteps(imprint, devicesLine, uri, listener.fingerprint());
                return allRefused ? 0 : 1;
            }
        }
    }

    /**
     * The commands to try next, when the data outlives the demo or the server keeps running (the offline
     * path's keys, chip and order are prepared for them); with {@code --keep-running} the admin listener
     * starts, an oem-admin credential is issued, and the demo waits for Ctrl-C.
     */
    private void nextSteps(Imprint imprint, DeviceLine devicesLine, URI uri, String fingerprint) throws Exception {
        if (!kept && !keepRunning) {
            say("Run './imprint demo --keep' to keep the data directory and get the next commands to try on it");
            say(devicesLine instanceof CaamEmulatedLine
                    ? "(report, audit verify, and the offline path: bundle build, device apply-bundle, receipts import)."
                    : "(report, audit verify).");
            return;
        }
        OfflineKit kit = devicesLine instanceof CaamEmulatedLine mp
                ? OfflineKit.prepare(imprint, PRODUCT, mp.family(), mp.reference(), dataDir) : null;
        if (!keepRunning) {
            NextSteps.print(out, dataDir, PRODUCT, kit, null);
            return;
        }
        try (AdminListener admin = imprint.startAdminListener(new AdminConfig("127.0.0.1", 0))) {
            NextSteps.AdminAccess access = new NextSteps.AdminAccess(URI.create("https://127.0.0.1:" + admin.port()),
                    admin.fingerprint(), DemoOperator.issue(dataDir));
            NextSteps.print(out, dataDir, PRODUCT, kit, access);
            NextSteps.printConsole(out, access);
            say("Server keeps running: device API %s, admin API %s (client certificates: %s.crt/.key),",
                    uri, access.uri(), access.operator());
            say("Server fingerprint (give it as --server-fingerprint) %s.%s Press Ctrl-C to stop.", fingerprint,
                    kept ? "" : " The data directory is removed then (--keep keeps it).");
            waitForInterrupt();
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

    private void summary(Imprint imprint, DeviceLine devicesLine) {
        Map<String, Long> units = imprint.events().unitsByState(PRODUCT, null);
        Map<String, Long> outcomes = imprint.events().countsByOutcome(PRODUCT, null);
        say("5. summary");
        Table t = new Table("outcome", "count", "alert class");
        t.row("provisioned (confirmed by receipt)", units.getOrDefault("provisioned", 0L), "");
        t.row("awaiting receipt (issued, not confirmed)", units.getOrDefault("issued", 0L), "");
        t.row("reissued (same secrets again)", outcomes.getOrDefault(EventLog.REISSUED, 0L), "");
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
        say("  tls/ (server certificate), devices/<n>/ (each emulated device's %s)%s",
                devicesLine.deviceFiles(),
                kept || keepRunning ? "," : "");
        if (kept || keepRunning) {
            java.util.List<String> more = new java.util.ArrayList<>();
            if (devicesLine instanceof CaamEmulatedLine) {
                more.add("offline/ (software key store, OEM bundle key, an emulated chip for the offline path)");
            }
            if (keepRunning) {
                more.add("operators/ (the demo's oem-admin credential)");
            }
            say("  %s", String.join(", ", more));
        }
    }

    /**
     * The demo prints every refusal in its own table; the embedded server's WARN line per refusal would
     * repeat each on stderr (the level is restored when the demo ends). A real server ({@code imprint server})
     * keeps them.
     */
    private static ch.qos.logback.classic.Level quietRefusalLog(ch.qos.logback.classic.Level level) {
        if (org.slf4j.LoggerFactory.getLogger("io.imprint.server.http.Problems")
                instanceof ch.qos.logback.classic.Logger refusals) {
            ch.qos.logback.classic.Level before = refusals.getLevel();
            refusals.setLevel(level);
            return before;
        }
        return null;
    }

    private void waitForInterrupt() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }

    /** What every unit of a product receives: names, types and sizes of its secrets, and its certificate. */
    static String delivered(SecretTemplate template) {
        StringBuilder sb = new StringBuilder();
        for (SecretSpec spec : template.secrets()) {
            sb.append(spec.name()).append(" (").append(spec.kind()).append(", ").append(spec.length()).append(" bytes), ");
        }
        return sb.append("and a device certificate (P-256 key made on the device, signed by the product CA)").toString();
    }

    static String serial(long n) {
        return String.format("SN%06d", n);
    }

    private void say(String format, Object... args) {
        out.println(args.length == 0 ? format : String.format(format, args));
        out.flush();
    }
}
