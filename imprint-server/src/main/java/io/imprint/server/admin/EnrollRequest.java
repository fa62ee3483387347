package io.imprint.server.admin;

import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.products.ProductEnrollment;

/**
 * The body of {@code POST /admin/v1/products}.
 *
 * @param secretTemplate the template text ({@link SecretTemplate#parse}), or null for the default
 */
public record EnrollRequest(String name, String partNumber, String srkHash, String mpPublicKey,
                            String secretTemplate) {
    ProductEnrollment enrollment() {
        return new ProductEnrollment(name, partNumber, srkHash, mpPublicKey,
                secretTemplate == null ? null : SecretTemplate.parse(secretTemplate));
    }
}
