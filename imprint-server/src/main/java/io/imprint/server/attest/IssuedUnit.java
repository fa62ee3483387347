package io.imprint.server.attest;

import io.imprint.protocol.envelope.SecretItems;
import java.util.List;

/** The identity and secrets a unit holds after issuance. Holds secrets: never printed. */
final class IssuedUnit {
    private final String outcome;
    private final String orderId;
    private final SecretItems secrets;
    private final List<String> chainPem;

    IssuedUnit(String outcome, String orderId, SecretItems secrets, List<String> chainPem) {
        this.outcome = outcome;
        this.orderId = orderId;
        this.secrets = secrets;
        this.chainPem = List.copyOf(chainPem);
    }

    /** {@code issued} or {@code reissued}. */
    String outcome() { return outcome; }

    String orderId() { return orderId; }

    SecretItems secrets() { return secrets; }

    List<String> chainPem() { return chainPem; }

    @Override
    public String toString() {
        return "IssuedUnit[" + outcome + ", " + secrets + "]";
    }
}
