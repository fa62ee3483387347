package io.imprint.protocol.message;

/**
 * Step 4: the device confirms what it stored.
 *
 * @param receipt the exact signed bytes ({@code IMPRINT/RECEIPT/v1}), Base64
 * @param mpmr {@code caam-mp} only: the MPMR, Base64; absent for other methods
 * @param signature the signature by the key that signed the session's evidence (the method's), Base64
 */
public record ReceiptRequest(String receipt, String mpmr, String signature) {
}
