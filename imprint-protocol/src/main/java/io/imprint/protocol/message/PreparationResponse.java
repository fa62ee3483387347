package io.imprint.protocol.message;

import java.util.Map;

/**
 * The server's answer to a preparation, e.g. a TPM 2.0 credential blob bound to the session.
 *
 * @param sessionId the session, Base64
 * @param proof the method's fields (name to Base64)
 */
public record PreparationResponse(String sessionId, Map<String, String> proof) {
}
