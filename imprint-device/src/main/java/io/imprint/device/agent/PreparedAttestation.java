package io.imprint.device.agent;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.message.AttestationRequest;
import java.security.PrivateKey;
import java.util.HexFormat;

/**
 * One signed attestation, ready to send: the evidence, its exact bytes, the request on the wire,
 * and the fresh ECDH private key the secrets will be sealed to. Holds that private key, so it is not
 * a record and {@link #toString()} never prints it; use each instance for one session only.
 */
public final class PreparedAttestation {
    private final Evidence evidence;
    private final byte[] evidenceBytes;
    private final AttestationRequest request;
    private final PrivateKey ecdhPrivate;

    PreparedAttestation(Evidence evidence, byte[] evidenceBytes, AttestationRequest request, PrivateKey ecdhPrivate) {
        this.evidence = evidence;
        this.evidenceBytes = evidenceBytes.clone();
        this.request = request;
        this.ecdhPrivate = ecdhPrivate;
    }

    /** The claims the chip signed. */
    public Evidence evidence() {
        return evidence;
    }

    /** The exact signed bytes ({@code IMPRINT/ATTEST/v1}). */
    public byte[] evidenceBytes() {
        return evidenceBytes.clone();
    }

    /** What goes to {@code POST /v1/attestations}; replaying or altering it is how attacks are shown. */
    public AttestationRequest request() {
        return request;
    }

    PrivateKey ecdhPrivate() {
        return ecdhPrivate;
    }

    @Override
    public String toString() {
        return "PreparedAttestation[" + evidence.product() + " chip " + evidence.chipIdHex() + " serial '"
                + evidence.serial() + "' session " + HexFormat.of().formatHex(evidence.sessionId()) + "]";
    }
}
