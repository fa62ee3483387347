package io.imprint.server.events;

/**
 * What is known about one attempt when its event is written; fields fill in as decoding proceeds.
 * Not thread-safe: one per request.
 */
public final class Attempt {
    private String product;
    private String orderId;
    private String chipId;
    private String serial;
    private String evidenceSha256;
    private String correlationId;
    private String method;

    public Attempt product(String value) { this.product = value; return this; }

    public Attempt orderId(String value) { this.orderId = value; return this; }

    public Attempt chipId(String value) { this.chipId = value; return this; }

    public Attempt serial(String value) { this.serial = value == null || value.isEmpty() ? null : value; return this; }

    public Attempt evidenceSha256(String value) { this.evidenceSha256 = value; return this; }

    /** The id of the request this attempt came in, as sent in its problem document and logged. */
    public Attempt correlationId(String value) { this.correlationId = value; return this; }

    /** The slug of the attestation method the request used, once known. */
    public Attempt method(String value) { this.method = value; return this; }

    public String product() { return product; }

    public String orderId() { return orderId; }

    public String chipId() { return chipId; }

    public String serial() { return serial; }

    public String evidenceSha256() { return evidenceSha256; }

    public String correlationId() { return correlationId; }

    public String method() { return method; }
}
