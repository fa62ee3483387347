package io.imprint.server.attest.method;

import io.imprint.protocol.method.AttestationMethod;
import java.util.Optional;

/**
 * Verifies the devices of one attestation method. Implementations never return a failure value:
 * they throw {@link io.imprint.protocol.problem.ImprintException} with the refusal's code
 * ({@code malformed-request} for a proof of the wrong shape, {@code bad-signature},
 * {@code untrusted-device}, {@code srk-mismatch}, ...). They hold no per-request state.
 */
public interface AttestationVerifier {
    /** The method this verifier serves. */
    AttestationMethod method();

    /**
     * Checks that the evidence was signed by a device of this method that the product's trust
     * ({@link AttestationInput#trust()}) vouches for, and derives its chip identity. Runs before the
     * challenge is redeemed: a refusal here leaves the challenge unused.
     */
    VerifiedDevice verify(AttestationInput input);

    /** Checks a receipt signature of a session this method attested (the key is the session's). */
    void verifyReceipt(ReceiptInput input);

    /** The extra round trip between challenge and attestation, for methods that need one. */
    default Optional<Preparation> preparation() {
        return Optional.empty();
    }
}
