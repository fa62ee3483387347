package io.imprint.server.attest;

/**
 * Who will sign a delivering session's receipt: the session's attestation method and, when the
 * device's own key signs (not a product-wide key), that key (Base64 SubjectPublicKeyInfo).
 */
record SessionSigner(String method, String receiptKey) {
}
