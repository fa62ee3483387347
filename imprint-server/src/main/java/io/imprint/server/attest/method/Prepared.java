package io.imprint.server.attest.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A preparation's outcome: what goes back to the device, and the state the server keeps for the
 * session's attestation (e.g. the credential secret). Not a record: the state may be secret.
 */
public final class Prepared {
    /** Largest state kept per session. */
    public static final int MAX_STATE_BYTES = 4096;
    private final Map<String, byte[]> answer;
    private final byte[] state;

    public Prepared(Map<String, byte[]> answer, byte[] state) {
        if (state.length > MAX_STATE_BYTES) {
            throw new IllegalArgumentException("preparation state over " + MAX_STATE_BYTES + " bytes");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        answer.forEach((k, v) -> copy.put(k, v.clone()));
        this.answer = Collections.unmodifiableMap(copy);
        this.state = state.clone();
    }

    /** Fields for the device (name to bytes). */
    public Map<String, byte[]> answer() {
        return answer;
    }

    public byte[] state() {
        return state.clone();
    }

    @Override
    public String toString() {
        return "Prepared" + answer.keySet();
    }
}
