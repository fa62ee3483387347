package io.imprint.server.admin;

import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.products.ProductEnrollment;

/**
 * The body of {@code POST /admin/v1/products}.
 *
 * @param secretTemplate the template text ({@link SecretTemplate#parse}), or null for the default
 * @param policy the product's policy, or null for deny-all until one is set
 */
public record EnrollRequest(String name, String partNumber, String srkHash, String mpPublicKey,
                            String secretTemplate, PolicyRequest policy) {
    /** An enrollment without a policy (deny by default). */
    public EnrollRequest(String name, String partNumber, String srkHash, String mpPublicKey, String secretTemplate) {
        this(name, partNumber, srkHash, mpPublicKey, secretTemplate, null);
    }

    ProductEnrollment enrollment() {
        var rules = policy == null ? null : policy.policy();
        return new ProductEnrollment(name, partNumber, srkHash, mpPublicKey,
                secretTemplate == null ? null : SecretTemplate.parse(secretTemplate), rules);
    }
}
