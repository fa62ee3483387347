package io.imprint.protocol.message;

/** An {@link io.imprint.protocol.envelope.Envelope} on the wire, fields in Base64. */
public record EnvelopeMessage(String ephemeralKey, String iv, String ciphertext) {
}
