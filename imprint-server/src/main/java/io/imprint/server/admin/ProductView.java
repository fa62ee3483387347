package io.imprint.server.admin;

import io.imprint.protocol.method.AttestationMethod;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.Product;
import java.util.List;

/**
 * An enrolled product as the admin API shows it (public data only).
 *
 * @param srkHash lowercase hex, empty when the product has none (no {@code caam-mp})
 * @param mpCurve the MP key's curve, empty when the product has no MP key
 * @param mpKeyFingerprint SHA-256 of the MP public key, hex; empty when the product has none
 * @param policy the policy in one line ({@link ProductPolicy#describe()})
 * @param methods the attestation methods the product accepts ({@code caam-mp}, {@code tpm2}, {@code pkcs11-se})
 */
public record ProductView(String name, String partNumber, String srkHash, String mpCurve, String mpPublicKey,
                          String mpKeyFingerprint, String secretTemplate, String policy, String created,
                          List<String> methods) {
    static ProductView of(Product p, ProductPolicy policy, List<AttestationMethod> methods) {
        boolean mp = p.hasMpKey();
        return new ProductView(p.name(), p.partNumber(), p.srkHashHex(), mp ? p.mpKey().curve().name() : "",
                mp ? p.mpKey().hex() : "", mp ? p.mpKey().fingerprint() : "", p.template().format(),
                policy.describe(), p.created().toString(), methods.stream().map(AttestationMethod::slug).toList());
    }
}
