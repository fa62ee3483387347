package io.imprint.server.admin;

import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.Product;

/**
 * An enrolled product as the admin API shows it (public data only).
 *
 * @param mpKeyFingerprint SHA-256 of the MP public key, hex
 * @param policy the policy in one line ({@link ProductPolicy#describe()})
 */
public record ProductView(String name, String partNumber, String srkHash, String mpCurve, String mpPublicKey,
                          String mpKeyFingerprint, String secretTemplate, String policy, String created) {
    static ProductView of(Product p, ProductPolicy policy) {
        return new ProductView(p.name(), p.partNumber(), p.srkHashHex(), p.mpKey().curve().name(), p.mpKey().hex(),
                p.mpKey().fingerprint(), p.template().format(), policy.describe(), p.created().toString());
    }
}
