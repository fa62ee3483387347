package io.imprint.cli.bench;

import io.imprint.device.agent.PreparedAttestation;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.agent.StoredUnit;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptResponse;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;

/**
 * One unit's networked provisioning done step by step, as {@link ProvisioningAgent#provision} does it
 * (without its retry), timing each step: the three round trips to the server and the device's own work.
 */
final class TimedProvisioning {
    static final String SOFTWARE_VERSION = "1.0.0";

    private TimedProvisioning() {
    }

    /** Provisions {@code serial}; returns the nanoseconds of each {@link Phase}, in order. */
    static long[] run(ProvisioningAgent agent, ProvisioningClient client, String product, String serial)
            throws Exception {
        long[] t = new long[Phase.values().length];
        long start = System.nanoTime();
        long mark = start;
        ChallengeResponse challenge = client.challenge(product);
        mark = lap(t, Phase.CHALLENGE, mark);
        PreparedAttestation prepared = agent.prepare(challenge, product, serial, SOFTWARE_VERSION);
        mark = lap(t, Phase.PREPARE, mark);
        ProvisioningResponse response = client.attest(prepared.request());
        mark = lap(t, Phase.ATTEST, mark);
        StoredUnit stored = agent.store(prepared, response);
        mark = lap(t, Phase.STORE, mark);
        ReceiptResponse confirmed = client.confirm(stored.receipt());
        mark = lap(t, Phase.RECEIPT, mark);
        t[Phase.WHOLE.ordinal()] = mark - start;
        if (!serial.equals(confirmed.serial()) || !"provisioned".equals(confirmed.state())) {
            throw new ImprintException(ProblemCode.RECEIPT_MISMATCH, "server answered " + confirmed.state()
                    + " for serial " + confirmed.serial() + ", expected provisioned " + serial);
        }
        return t;
    }

    private static long lap(long[] t, Phase phase, long since) {
        long now = System.nanoTime();
        t[phase.ordinal()] = now - since;
        return now;
    }

    /** The timed steps; {@link #WHOLE} is challenge through confirmed receipt. */
    enum Phase {
        WHOLE("whole provisioning", false),
        CHALLENGE("  challenge round trip", true),
        PREPARE("  device: keys, CSR, MP signature", false),
        ATTEST("  attestation round trip", true),
        STORE("  device: open, store, sign receipt", false),
        RECEIPT("  receipt round trip", true);

        final String label;
        final boolean server;

        Phase(String label, boolean server) {
            this.label = label;
            this.server = server;
        }
    }
}
