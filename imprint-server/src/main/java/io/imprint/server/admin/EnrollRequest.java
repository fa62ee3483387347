package io.imprint.server.admin;

import io.imprint.protocol.method.AttestationMethod;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.products.ProductEnrollment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /admin/v1/products}.
 *
 * @param srkHash required for {@code caam-mp}, optional otherwise (null)
 * @param mpPublicKey required for {@code caam-mp}, optional otherwise (null)
 * @param secretTemplate the template text ({@link SecretTemplate#parse}), or null for the default
 * @param policy the product's policy, or null for deny-all until one is set
 * @param methods the attestation methods the product accepts; null for {@code caam-mp} alone
 * @param trustRoots per method, PEM text of its CA certificates; null for none
 */
public record EnrollRequest(String name, String partNumber, String srkHash, String mpPublicKey,
                            String secretTemplate, PolicyRequest policy, List<String> methods,
                            Map<String, String> trustRoots) {
    /** A {@code caam-mp} enrollment. */
    public EnrollRequest(String name, String partNumber, String srkHash, String mpPublicKey, String secretTemplate,
                         PolicyRequest policy) {
        this(name, partNumber, srkHash, mpPublicKey, secretTemplate, policy, null, null);
    }

    /** A {@code caam-mp} enrollment without a policy (deny by default). */
    public EnrollRequest(String name, String partNumber, String srkHash, String mpPublicKey, String secretTemplate) {
        this(name, partNumber, srkHash, mpPublicKey, secretTemplate, null);
    }

    ProductEnrollment enrollment() {
        var rules = policy == null ? null : policy.policy();
        List<AttestationMethod> accepted = methods == null ? null
                : methods.stream().map(AttestationMethod::fromSlug).toList();
        Map<AttestationMethod, String> roots = new LinkedHashMap<>();
        if (trustRoots != null) {
            trustRoots.forEach((m, pem) -> roots.put(AttestationMethod.fromSlug(m), pem));
        }
        return new ProductEnrollment(name, partNumber, srkHash, mpPublicKey,
                secretTemplate == null ? null : SecretTemplate.parse(secretTemplate), rules, accepted, roots);
    }
}
