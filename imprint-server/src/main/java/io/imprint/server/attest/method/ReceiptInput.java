package io.imprint.server.attest.method;

import io.imprint.server.products.Product;

/**
 * A receipt (step 4) as a verifier sees it.
 *
 * @param signedBytes the exact receipt bytes ({@code IMPRINT/RECEIPT/v1})
 * @param mpmr the request's {@code mpmr} (Base64) or null
 * @param signature the request's {@code signature} (Base64)
 * @param receiptKey what {@link VerifiedDevice#receiptKey()} gave for the session (Base64
 *                   SubjectPublicKeyInfo), or null
 */
public record ReceiptInput(Product product, byte[] signedBytes, String mpmr, String signature, String receiptKey) {
    public ReceiptInput {
        signedBytes = signedBytes.clone();
    }

    @Override
    public byte[] signedBytes() {
        return signedBytes.clone();
    }
}
