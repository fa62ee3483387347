package io.imprint.protocol.message;

/**
 * Step 4: the device confirms what it stored.
 *
 * @param receipt the exact signed bytes ({@code IMPRINT/RECEIPT/v1}), Base64
 * @param mpmr the MPMR, Base64
 * @param signature raw r||s, Base64
 */
public record ReceiptRequest(String receipt, String mpmr, String signature) {
}
