package io.imprint.cli.demo;

import io.imprint.cli.console.ProgressBar;
import io.imprint.device.agent.AgentOptions;
import io.imprint.device.agent.PreparedAttestation;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.protocol.message.AttestationRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A contract manufacturer's line: emulated devices, each with its own chip and blob store, provisioned
 * concurrently over TLS by the real device agent.
 */
public final class ProductionLine {
    private final ProvisioningClient client;
    private final DemoChips chips;
    private final Path devicesDir;
    private final String product;

    public ProductionLine(ProvisioningClient client, DemoChips chips, Path devicesDir, String product) {
        this.client = client;
        this.chips = chips;
        this.devicesDir = devicesDir;
        this.product = product;
    }

    /** A device agent on an emulated chip, its secrets going to {@code devices/<chip id>}. */
    public ProvisioningAgent agent(EmulatedCaamChip chip) throws Exception {
        return agent(ProductFamily.unit(devicesDir, chip));
    }

    /** A device agent on a device. */
    ProvisioningAgent agent(DeviceBackend device) {
        return new ProvisioningAgent(device, client, AgentOptions.defaults());
    }

    /** Provisions {@code serial} on a unit {@code make} returns, then releases the unit. */
    void provisionOn(UnitMaker make, String serial, String version) throws Exception {
        try (DeviceBackend unit = make.make(devicesDir)) {
            agent(unit).provision(product, serial, version);
        }
    }

    /**
     * Provisions one unit step by step and returns the attestation request it sent, as a station
     * that records traffic would capture it.
     */
    AttestationRequest provisionCapturing(String serial) throws Exception {
        try (DeviceBackend unit = chips.genuine(devicesDir)) {
            ProvisioningAgent agent = agent(unit);
            PreparedAttestation prepared = agent.prepare(client.challenge(product), product, serial, "1.0.0");
            agent.complete(prepared, client.attest(prepared.request()));
            return prepared.request();
        }
    }

    /** Provisions the given serials on fresh genuine chips with {@code threads} stations. */
    void provision(List<String> serials, int threads, ProgressBar progress) throws Exception {
        run(serials, threads, progress, serial -> provisionOn(chips::genuine, serial, "1.0.0"));
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

    /** Makes a unit whose state lives under the devices directory. */
    @FunctionalInterface
    interface UnitMaker {
        DeviceBackend make(Path devicesDir) throws Exception;
    }

    /** A unit of the line's chips, for attacks that need the prepared request. */
    DeviceBackend genuine() throws Exception {
        return chips.genuine(devicesDir);
    }

    /** What a station does for one serial. */
    @FunctionalInterface
    public interface UnitJob {
        void run(String serial) throws Exception;
    }
}
