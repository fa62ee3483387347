package io.imprint.protocol.problem;

import java.net.URI;
import java.util.Locale;

/**
 * Every refusal Imprint can give, with a stable machine code, an HTTP status and an alert class.
 * The codes are part of the protocol: never rename one; add new ones at the end.
 */
public enum ProblemCode {
    MALFORMED_REQUEST(400, "Malformed request", AlertClass.NONE),
    REQUEST_TOO_LARGE(413, "Request too large", AlertClass.NONE),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", AlertClass.NONE),
    NOT_FOUND(404, "Not found", AlertClass.NONE),
    METHOD_NOT_ALLOWED(405, "Method not allowed", AlertClass.NONE),
    CONFLICT(409, "Conflict", AlertClass.NONE),
    UNKNOWN_PRODUCT(404, "Unknown product", AlertClass.COUNTERFEIT),
    BAD_SIGNATURE(403, "MP signature does not verify", AlertClass.COUNTERFEIT),
    UNKNOWN_SESSION(403, "Unknown session", AlertClass.REPLAY),
    NONCE_MISMATCH(403, "Nonce does not match the session", AlertClass.REPLAY),
    NONCE_EXPIRED(403, "Challenge expired", AlertClass.REPLAY),
    NONCE_USED(409, "Challenge already used", AlertClass.REPLAY),
    SRK_MISMATCH(403, "SRK hash differs from the product's", AlertClass.COUNTERFEIT),
    CHIP_ALREADY_PROVISIONED(409, "Chip already provisioned", AlertClass.CLONE),
    CHIP_SERIAL_MISMATCH(409, "Chip already holds another serial", AlertClass.CLONE),
    SERIAL_IN_USE(409, "Serial already issued to another chip", AlertClass.CLONE),
    SERIAL_NOT_AUTHORIZED(403, "Serial outside every open order", AlertClass.OUT_OF_RANGE),
    QUOTA_EXHAUSTED(409, "Order quota exhausted", AlertClass.OVERPRODUCTION),
    RECEIPT_MISMATCH(409, "Receipt does not match what was issued", AlertClass.COUNTERFEIT),
    SESSION_NOT_ISSUED(409, "No issued unit for this session", AlertClass.REPLAY),
    POLICY_VIOLATION(403, "Refused by policy", AlertClass.POLICY),
    ORDER_INACTIVE(403, "Order is not open", AlertClass.ORDER_INACTIVE),
    UNAUTHORIZED(401, "Client certificate required", AlertClass.NONE),
    FORBIDDEN(403, "Not allowed for this role", AlertClass.NONE),
    BAD_BUNDLE(400, "Bundle rejected", AlertClass.NONE),
    BAD_RECEIPT(400, "Receipt rejected", AlertClass.NONE),
    RATE_LIMITED(429, "Too many requests", AlertClass.NONE),
    INTERNAL(500, "Internal error", AlertClass.NONE),
    /** The store is briefly unavailable (lock timeout, lost connection): retry after the Retry-After seconds. */
    UNAVAILABLE(503, "Temporarily unavailable", AlertClass.NONE),
    /** A late attempt of a chip whose newer attempt completed first: nothing to do, not a clone. */
    SUPERSEDED(409, "A newer attempt of this chip completed first", AlertClass.NONE),
    /** The device attests with a method its product does not accept (e.g. a TPM device for an MP-only product). */
    METHOD_NOT_ACCEPTED(403, "Attestation method not accepted by the product", AlertClass.COUNTERFEIT),
    /**
     * The device's credentials are not trusted for its product and method: a certificate chain that does
     * not lead to a configured trust root, a chip identity other than the one its credentials give, an
     * attestation key not bound to the certified one.
     */
    UNTRUSTED_DEVICE(403, "Device credentials not trusted", AlertClass.COUNTERFEIT);

    private static final String TYPE_BASE = "https://imprint.dev/problems/";

    private final int httpStatus;
    private final String title;
    private final AlertClass alertClass;

    ProblemCode(int httpStatus, String title, AlertClass alertClass) {
        this.httpStatus = httpStatus;
        this.title = title;
        this.alertClass = alertClass;
    }

    public int httpStatus() { return httpStatus; }

    public String title() { return title; }

    public AlertClass alertClass() { return alertClass; }

    /** The stable code as it appears on the wire and in the event log, e.g. {@code nonce-used}. */
    public String slug() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** The RFC 9457 {@code type} URI for this problem. */
    public URI type() { return URI.create(TYPE_BASE + slug()); }

    /** Whether {@code slug} is the slug of a problem code (an event outcome that is a refusal). */
    public static boolean isSlug(String slug) {
        for (ProblemCode code : values()) {
            if (code.slug().equals(slug)) {
                return true;
            }
        }
        return false;
    }

    /** Finds a code by its slug; {@link #INTERNAL} for anything unknown. */
    public static ProblemCode fromSlug(String slug) {
        for (ProblemCode code : values()) {
            if (code.slug().equals(slug)) {
                return code;
            }
        }
        return INTERNAL;
    }
}
