package io.imprint.cli.demo;

import io.imprint.device.agent.PreparedAttestation;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Base64;
import java.util.List;

/** The attempts the demo makes after the run, each of which the server must refuse. */
final class Attacks {
    private Attacks() {
    }

    static List<Attack> all(ProductionLine line, ProvisioningClient client, DemoChips family, String product,
                            AttestationRequest captured, String usedSerial, String spareSerial) {
        return List.of(
                new Attack("replayed message", "a station re-sends the captured attestation of " + usedSerial,
                        ProblemCode.NONCE_USED, () -> client.attest(captured)),
                new Attack("clone", "a new chip claims the used serial " + usedSerial,
                        ProblemCode.SERIAL_IN_USE, () -> line.provisionOn(family::genuine, usedSerial, "1.0.0")),
                new Attack("overproduction", "a genuine chip asks for " + spareSerial + " after the quota is used",
                        ProblemCode.QUOTA_EXHAUSTED, () -> line.provisionOn(family::genuine, spareSerial, "1.0.0")),
                new Attack("counterfeit", "a chip whose MP key is not the product's",
                        ProblemCode.BAD_SIGNATURE, () -> line.provisionOn(family::counterfeit, spareSerial, "1.0.0")),
                new Attack("wrong SRK hash", "a chip fused with another secure-boot key set",
                        ProblemCode.SRK_MISMATCH, () -> line.provisionOn(family::otherSrk, spareSerial, "1.0.0")),
                new Attack("outdated firmware", "a genuine chip running software 0.9.0, below the policy's minimum",
                        ProblemCode.POLICY_VIOLATION, () -> line.provisionOn(family::genuine, spareSerial, "0.9.0")),
                new Attack("tampered message", "one byte of a genuine chip's signed evidence changed in transit",
                        ProblemCode.BAD_SIGNATURE, () -> tampered(line, client, product, spareSerial)));
    }

    private static void tampered(ProductionLine line, ProvisioningClient client, String product, String serial)
            throws Exception {
        PreparedAttestation prepared;
        try (DeviceBackend unit = line.genuine()) {
            ProvisioningAgent agent = line.agent(unit);
            prepared = agent.prepare(client.challenge(product), product, serial, "1.0.0");
        }
        AttestationRequest genuine = prepared.request();
        byte[] evidence = Base64.getDecoder().decode(genuine.evidence());
        evidence[evidence.length - 3] ^= 0x01; // inside the CSR: still well-formed, no longer what the chip signed
        client.attest(new AttestationRequest(Base64.getEncoder().encodeToString(evidence), genuine.mpmr(), genuine.signature()));
    }
}
