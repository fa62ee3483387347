package io.imprint.server.orders;

/**
 * A stored reconciliation whose audit signature verified over its canonical JSON; only
 * {@link Reconciliations} makes one.
 *
 * @param canonicalJson the exact signed text
 * @param signatureBase64 the audit key's raw r||s signature, Base64
 */
public record VerifiedReconciliation(Reconciliation reconciliation, String canonicalJson, String signatureBase64) {
}
