package io.imprint.cli.chaos;

import io.imprint.device.agent.PreparedAttestation;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.agent.StoredUnit;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptResponse;
import io.imprint.protocol.problem.AlertClass;
import io.imprint.protocol.problem.ImprintException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * One genuine device of the swarm: provisions itself step by step against whichever node answers,
 * starting over after any failure, as a station does until the unit is confirmed. Remembers what it
 * saw so the invariants can be checked: every certificate it was issued, the secrets it first stored
 * and the refusals it got.
 */
final class SwarmDevice {
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1));
    private final EmulatedCaamChip chip;
    private final EmulatedCaamBlobStore store;
    private final String product;
    private final String serial;
    private final List<String> issuedCertificates = new ArrayList<>();
    private final List<String> falseAlerts = new ArrayList<>();
    private Map<String, byte[]> firstSecrets;
    private io.imprint.protocol.message.ReceiptRequest pendingReceipt;
    private String confirmedState;
    private int attempts;
    private String lastError;

    SwarmDevice(EmulatedCaamChip chip, Path storeDir, String product, String serial) throws Exception {
        this.chip = chip;
        this.store = new EmulatedCaamBlobStore(storeDir, chip);
        this.product = product;
        this.serial = serial;
    }

    /** Tries until confirmed, refused with an alert class, or {@code deadlineNanos}. */
    void run(Supplier<ServerNode> pickNode, long deadlineNanos, Random random) throws InterruptedException {
        while (confirmedState == null && falseAlerts.isEmpty() && System.nanoTime() < deadlineNanos) {
            attempts++;
            ServerNode node = pickNode.get();
            try (ProvisioningClient client = new ProvisioningClient(URI.create(node.url()),
                    ServerTrust.pinned(node.fingerprint()), RETRY, Duration.ofSeconds(20))) {
                attemptOnce(client);
            } catch (ImprintException e) {
                lastError = e.code().slug() + ": " + e.detail();
                if (e.code().alertClass() != AlertClass.NONE) {
                    falseAlerts.add(e.code().slug() + " on " + node.name() + ": " + e.detail());
                    return;
                }
            } catch (Exception e) {
                lastError = e.toString();
            }
            if (confirmedState == null) {
                Thread.sleep(50 + random.nextInt(200));
            }
        }
    }

    private void attemptOnce(ProvisioningClient client) throws Exception {
        if (pendingReceipt != null) {
            // Stored but not confirmed: the receipt may have committed before its answer was lost, so it
            // is sent again (receipts are idempotent) before any new attestation, which would then be a
            // second attempt for a provisioned chip.
            confirmedState = client.confirm(pendingReceipt).state();
            return;
        }
        ProvisioningAgent agent = new ProvisioningAgent(chip, chip, store, client);
        PreparedAttestation prepared = agent.prepare(client.challenge(product), product, serial, "1.0.0");
        ProvisioningResponse response = client.attest(prepared.request());
        issuedCertificates.add(response.certificateChain().get(0));
        StoredUnit stored = agent.store(prepared, response);
        if (firstSecrets == null) {
            firstSecrets = secrets(stored.secretNames());
        }
        pendingReceipt = stored.receipt();
        ReceiptResponse confirmed = client.confirm(stored.receipt());
        confirmedState = confirmed.state();
    }

    private Map<String, byte[]> secrets(List<String> names) throws Exception {
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (String name : names) {
            values.put(name, store.get(name).orElseThrow());
        }
        return values;
    }

    /** The secrets in the device's store now, under the names it first stored. */
    Map<String, byte[]> currentSecrets() throws Exception {
        return firstSecrets == null ? Map.of() : secrets(List.copyOf(firstSecrets.keySet()));
    }

    Map<String, byte[]> firstSecrets() {
        return firstSecrets == null ? Map.of() : firstSecrets;
    }

    String chipId() {
        return chip.chipIdHex();
    }

    String serial() {
        return serial;
    }

    boolean confirmed() {
        return "provisioned".equals(confirmedState);
    }

    List<String> issuedCertificates() {
        return issuedCertificates;
    }

    List<String> falseAlerts() {
        return falseAlerts;
    }

    String describe() {
        return serial + " chip " + chipId() + " after " + attempts + " attempts, last error: " + lastError;
    }
}
