package io.imprint.protocol.message;

/**
 * An RFC 9457 problem document as Imprint sends it.
 *
 * @param type stable URI of the problem type
 * @param title short summary of the type
 * @param status HTTP status
 * @param detail what went wrong in this occurrence (never secret material)
 * @param code the stable machine code, e.g. {@code nonce-used}
 * @param correlationId id to find the matching server log line and event
 */
public record Problem(String type, String title, int status, String detail, String code, String correlationId) {
}
