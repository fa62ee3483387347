package io.imprint.protocol.message;

/** The server's acknowledgement: the unit is {@code provisioned}. */
public record ReceiptResponse(String sessionId, String serial, String state) {
}
