package io.imprint.cli.demo;

import io.imprint.cli.backend.DeviceLine;
import io.imprint.device.agent.PreparedAttestation;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ProblemCode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The attempts the demo makes after the run, each of which the server must refuse. */
final class Attacks {
    private Attacks() {
    }

    static List<Attack> all(ProductionLine line, ProvisioningClient client, DeviceLine devices, String product,
                            AttestationRequest captured, String usedSerial, String spareSerial) throws Exception {
        List<Attack> attacks = new ArrayList<>(List.of(
                new Attack("replayed message", "a station re-sends the captured attestation of " + usedSerial,
                        ProblemCode.NONCE_USED, () -> client.attest(captured)),
                new Attack("clone", "a new chip claims the used serial " + usedSerial,
                        ProblemCode.SERIAL_IN_USE, () -> line.agent(line.genuine()).provision(product, usedSerial, "1.0.0")),
                new Attack("overproduction", "a genuine chip asks for " + spareSerial + " after the quota is used",
                        ProblemCode.QUOTA_EXHAUSTED, () -> line.agent(line.genuine()).provision(product, spareSerial, "1.0.0")),
                new Attack("counterfeit", devices.method() == AttestationMethod.CAAM_MP ? "a chip whose MP key is not the product's"
                        : "a part whose device certificate comes from a vendor root the product does not trust",
                        devices.untrustedRefusal(), () -> line.agent(line.untrusted()).provision(product, spareSerial, "1.0.0"))));
        var otherSrk = devices.otherSrk(line.nextDir());
        if (otherSrk.isPresent()) {
            attacks.add(new Attack("wrong SRK hash", "a chip fused with another secure-boot key set",
                    ProblemCode.SRK_MISMATCH, () -> line.agent(otherSrk.get()).provision(product, spareSerial, "1.0.0")));
        }
        attacks.add(new Attack("outdated firmware", "a genuine chip running software 0.9.0, below the policy's minimum",
                ProblemCode.POLICY_VIOLATION, () -> line.agent(line.genuine()).provision(product, spareSerial, "0.9.0")));
        attacks.add(new Attack("tampered message", "one byte of a genuine chip's signed evidence changed in transit",
                ProblemCode.BAD_SIGNATURE, () -> tampered(line, client, product, spareSerial)));
        return attacks;
    }

    private static void tampered(ProductionLine line, ProvisioningClient client, String product, String serial)
            throws Exception {
        ProvisioningAgent agent = line.agent(line.genuine());
        PreparedAttestation prepared = agent.prepare(client.challenge(product), product, serial, "1.0.0");
        AttestationRequest genuine = prepared.request();
        byte[] evidence = Base64.getDecoder().decode(genuine.evidence());
        evidence[evidence.length - 3] ^= 0x01; // inside the CSR: still well-formed, no longer what the chip signed
        client.attest(new AttestationRequest(genuine.method(), Base64.getEncoder().encodeToString(evidence),
                genuine.mpmr(), genuine.signature(), genuine.proof()));
    }
}
