/**
 * The attestation-method SPI: one {@link io.imprint.server.attest.method.AttestationVerifier} per
 * method, chosen by the request's method from {@link io.imprint.server.attest.method.AttestationVerifiers}.
 * A verifier only authorizes the device (signature, credentials, chip identity); the shared checks
 * (challenge, policy, unit decision, issuance, receipt) run once, after, in {@code io.imprint.server.attest}.
 */
package io.imprint.server.attest.method;
