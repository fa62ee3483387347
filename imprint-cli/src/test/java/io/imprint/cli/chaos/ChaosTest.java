package io.imprint.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.cli.demo.ProductFamily;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: a swarm of genuine emulated devices provisions one order against real
 * {@code imprint server} processes while nodes are killed with SIGKILL, the database's write lock is
 * held by a foreign transaction and (PostgreSQL) every backend is terminated; then the guarantees are
 * checked on the store ({@link Invariants}). The CI run is short; {@code scripts/chaos} runs the same
 * test with more devices and kills (docs/reliability.md). The random seed is printed, and
 * {@code -Dimprint.chaos.seed=N} replays a run's fault schedule.
 */
class ChaosTest {
    private static final String PRODUCT = "gateway-x";
    private static final String ORDER = "PO-CHAOS";
    @TempDir Path tmp;

    @Test
    void sqlite_oneNode_killsAndStalls_guaranteesHold() throws Exception {
        ChaosPlan plan = ChaosPlan.fromProperties(60, 3);
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (SmallDisk disk = SmallDisk.mount(data, 256)) {
            run("sqlite", plan, data, null, null, 1, disk);
        }
    }

    @Test
    void postgres_threeNodes_killsStallsAndTerminatedBackends_guaranteesHold() throws Exception {
        Assumptions.assumeTrue(TestDatabases.postgresUrl() != null, "IMPRINT_TEST_PG_URL not set");
        ChaosPlan plan = ChaosPlan.fromProperties(60, 4);
        String app = "imprint-chaos-" + HexFormat.of().formatHex(io.imprint.protocol.crypto.Providers.randomBytes(4));
        try (TestDatabases.PostgresSchema schema = TestDatabases.freshSchema()) {
            String url = schema.url() + "&ApplicationName=" + app;
            run("postgres", plan, tmp.resolve("data"), url, app, 3, SmallDisk.none());
        }
    }

    private void run(String name, ChaosPlan plan, Path data, String databaseUrl, String applicationName, int nodeCount,
                     SmallDisk disk) throws Exception {
        long seed = Long.getLong("imprint.chaos.seed", new Random().nextLong());
        Random random = new Random(seed);
        ProductFamily family = ProductFamily.random();
        try (Imprint setup = Imprint.openOrCreate(ServerConfig.defaults(data).withDatabaseUrl(databaseUrl))) {
            setup.products().enroll(family.enrollment(PRODUCT, family.genuineChip()));
            setup.orders().create(new OrderRequest(ORDER, PRODUCT, "acme-ems", plan.devices(),
                    "SN000001..SN" + String.format("%06d", plan.devices())));
        }
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        List<ServerNode> nodes = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(new ServerNode(name + "-node" + i, data, databaseUrl, logs));
        }
        List<SwarmDevice> devices = new ArrayList<>();
        for (int i = 1; i <= plan.devices(); i++) {
            var chip = family.genuineChip();
            devices.add(new SwarmDevice(chip, tmp.resolve("devices").resolve(chip.chipIdHex()), PRODUCT,
                    String.format("SN%06d", i)));
        }
        String jdbc = databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + data.resolve("imprint.db").toAbsolutePath();
        FaultInjector faults = new FaultInjector(nodes, jdbc, applicationName, plan, new Random(random.nextLong()));
        if (disk.mounted()) {
            faults.withDiskToFill(data);
        }
        long started = System.nanoTime();
        try {
            for (ServerNode node : nodes) {
                node.start();
            }
            Thread injector = new Thread(faults, "chaos-faults");
            injector.start();
            swarm(plan, nodes, devices, random);
            faults.stop();
            injector.interrupt();
            injector.join(60_000);
        } finally {
            for (ServerNode node : nodes) {
                node.close();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> violations;
        try (Imprint check = Imprint.open(ServerConfig.defaults(data).withDatabaseUrl(databaseUrl))) {
            violations = Invariants.check(check, ORDER, devices);
        }
        String summary = String.format("chaos %s: %d nodes (%s), %d devices, %d stations, faults %s, %.1f s, seed %d, %d violations",
                name, nodeCount, disk.describe(), plan.devices(), plan.stations(), faults.injected(), seconds, seed, violations.size());
        System.out.println(summary);
        Path report = Path.of("target", "chaos", name + "-summary.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, summary + "\n" + String.join("\n", violations) + "\n", StandardCharsets.UTF_8);
        assertThat(faults.failure()).as("fault injector (a node that does not restart fails the run)").isNull();
        assertThat(faults.injected()).as("faults injected").containsKey("kill");
        assertThat(violations).as(summary + "; node logs in " + logs).isEmpty();
    }

    private static void swarm(ChaosPlan plan, List<ServerNode> nodes, List<SwarmDevice> devices, Random random)
            throws Exception {
        long deadline = System.nanoTime() + plan.deadline().toNanos();
        ExecutorService stations = Executors.newFixedThreadPool(plan.stations());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SwarmDevice device : devices) {
                Random own = new Random(random.nextLong());
                done.add(stations.submit(() -> {
                    device.run(() -> nodes.get(own.nextInt(nodes.size())), deadline, own);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            stations.shutdownNow();
        }
    }
}
