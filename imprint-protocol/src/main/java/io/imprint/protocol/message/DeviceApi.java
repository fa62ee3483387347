package io.imprint.protocol.message;

/** Paths and media types of the device API (see docs/protocol.md). */
public final class DeviceApi {
    public static final String CHALLENGES = "/v1/challenges";
    public static final String ATTESTATIONS = "/v1/attestations";
    /** The optional method-specific round trip between challenge and attestation (TPM 2.0). */
    public static final String PREPARATIONS = "/v1/preparations";
    public static final String RECEIPTS = "/v1/receipts";
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";
    /** Largest request body the device API accepts. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private DeviceApi() {
    }
}
