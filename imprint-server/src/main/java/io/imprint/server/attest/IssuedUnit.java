package io.imprint.server.attest;

import io.imprint.protocol.envelope.SecretItems;
import java.util.List;

/** The identity and secrets a unit holds after issuance. Holds secrets: never printed. */
final class IssuedUnit {
    private final String outcome;
    private final String orderId;
    private final String serial;
    private final SecretItems secrets;
    private final List<String> chainPem;

    IssuedUnit(String outcome, String orderId, String serial, SecretItems secrets, List<String> chainPem) {
        this.outcome = outcome;
        this.orderId = orderId;
        this.serial = serial;
        this.secrets = secrets;
        this.chainPem = List.copyOf(chainPem);
    }

    /** {@code issued}, {@code reissued} or {@code reprovisioned}. */
    String outcome() { return outcome; }

    /** The unit's serial (assigned by the server when the evidence carried none). */
    String serial() { return serial; }

    String orderId() { return orderId; }

    SecretItems secrets() { return secrets; }

    List<String> chainPem() { return chainPem; }

    @Override
    public String toString() {
        return "IssuedUnit[" + outcome + ", " + secrets + "]";
    }
}
