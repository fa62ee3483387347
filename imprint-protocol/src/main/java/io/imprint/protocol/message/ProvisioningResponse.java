package io.imprint.protocol.message;

import java.util.List;

/**
 * Step 3: the unit's identity and its secrets, sealed to the device's ECDH key.
 *
 * @param sessionId the challenge session, Base64
 * @param serial the serial number of the unit
 * @param envelope the secrets, end-to-end encrypted
 * @param certificateChain PEM certificates, device certificate first, then the product CA
 * @param state {@code issued}: the unit becomes {@code provisioned} only after its receipt
 */
public record ProvisioningResponse(String sessionId, String serial, EnvelopeMessage envelope,
                                   List<String> certificateChain, String state) {
}
