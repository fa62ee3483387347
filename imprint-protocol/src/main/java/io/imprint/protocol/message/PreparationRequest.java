package io.imprint.protocol.message;

import java.util.Map;

/**
 * The optional step between challenge and attestation, for methods that need one more round trip
 * (TPM 2.0 credential activation): the device sends its method's material bound to the session.
 *
 * @param method the attestation method's slug
 * @param sessionId the session of the challenge, Base64
 * @param proof the method's fields (name to Base64), e.g. an EK certificate and an AK public area
 */
public record PreparationRequest(String method, String sessionId, Map<String, String> proof) {
}
