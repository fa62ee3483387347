package io.imprint.cli.demo;

import io.imprint.cli.backend.DeviceLine;
import io.imprint.cli.console.ProgressBar;
import io.imprint.device.agent.AgentOptions;
import io.imprint.device.agent.PreparedAttestation;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.protocol.message.AttestationRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A contract manufacturer's line: emulated devices of one backend's {@link DeviceLine}, each with its own
 * identity and secure store under {@code devices/<n>}, provisioned concurrently over TLS by the real
 * device agent.
 */
public final class ProductionLine {
    private final ProvisioningClient client;
    private final DeviceLine devices;
    private final Path devicesDir;
    private final String product;
    private final java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();

    public ProductionLine(ProvisioningClient client, DeviceLine devices, Path devicesDir, String product) {
        this.client = client;
        this.devices = devices;
        this.devicesDir = devicesDir;
        this.product = product;
    }

    /** The device agent on {@code device}. */
    public ProvisioningAgent agent(DeviceBackend device) {
        return new ProvisioningAgent(device, client, AgentOptions.defaults());
    }

    /** A fresh genuine device of the line, its state in its own directory. */
    public DeviceBackend genuine() throws Exception {
        return devices.genuine(nextDir());
    }

    /** A fresh device the product's trust does not vouch for. */
    DeviceBackend untrusted() throws Exception {
        return devices.untrusted(nextDir());
    }

    /** A directory for the next device ({@code devices/<n>}). */
    Path nextDir() {
        return devicesDir.resolve(Integer.toString(made.incrementAndGet()));
    }

    /**
     * Provisions one unit step by step and returns the attestation request it sent, as a station
     * that records traffic would capture it.
     */
    AttestationRequest provisionCapturing(String serial) throws Exception {
        ProvisioningAgent agent = agent(genuine());
        PreparedAttestation prepared = agent.prepare(client.challenge(product), product, serial, "1.0.0");
        agent.complete(prepared, client.attest(prepared.request()));
        return prepared.request();
    }

    /** Provisions the given serials on fresh genuine chips with {@code threads} stations. */
    void provision(List<String> serials, int threads, ProgressBar progress) throws Exception {
        run(serials, threads, progress, serial -> {
            try (DeviceBackend device = genuine()) {
                agent(device).provision(product, serial, "1.0.0");
            }
        });
    }

    /**
     * Runs {@code job} once per serial on {@code threads} stations, stepping {@code progress} after
     * each; the first failure is rethrown once all jobs have ended.
     */
    public void run(List<String> serials, int threads, ProgressBar progress, UnitJob job) throws Exception {
        ExecutorService stations = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String serial : serials) {
                done.add(stations.submit(() -> {
                    job.run(serial);
                    progress.step();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            stations.shutdownNow();
        }
    }

    /** What a station does for one serial. */
    @FunctionalInterface
    public interface UnitJob {
        void run(String serial) throws Exception;
    }
}
