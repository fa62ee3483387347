package io.imprint.server.products;

import io.imprint.protocol.method.AttestationMethod;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.policy.ProductPolicy;
import java.util.List;
import java.util.Map;

/**
 * What the OEM states to enroll a product.
 *
 * @param name product name ({@link io.imprint.protocol.codec.Fields#IDENTIFIER})
 * @param partNumber the chip part number, e.g. {@code MIMX8MM6DVTLZAA}
 * @param srkHash 64 hex characters: SHA-256 of the SRK table fused into the product's chips; required
 *                for {@code caam-mp}, optional otherwise (when given, every method's evidence must claim it)
 * @param mpPublicKey MP public key text: U-Boot {@code mfgprot pubk} output, hex X||Y or PEM; required
 *                    for {@code caam-mp} (and offline bundles), null otherwise
 * @param template the secrets each unit gets; null for {@link SecretTemplate#DEFAULT}
 * @param policy what the product accepts; null for {@link ProductPolicy#DENY_ALL} (every unit refused)
 * @param methods the attestation methods the product accepts; null or empty for {@code caam-mp} alone
 * @param trustRoots PEM CA certificates per method (not {@code caam-mp}); null for none
 */
public record ProductEnrollment(String name, String partNumber, String srkHash, String mpPublicKey,
                                SecretTemplate template, ProductPolicy policy, List<AttestationMethod> methods,
                                Map<AttestationMethod, String> trustRoots) {
    public ProductEnrollment {
        methods = methods == null || methods.isEmpty() ? List.of(AttestationMethod.CAAM_MP)
                : methods.stream().distinct().toList();
        trustRoots = trustRoots == null ? Map.of() : Map.copyOf(trustRoots);
    }

    /** A {@code caam-mp} enrollment. */
    public ProductEnrollment(String name, String partNumber, String srkHash, String mpPublicKey,
                             SecretTemplate template, ProductPolicy policy) {
        this(name, partNumber, srkHash, mpPublicKey, template, policy, null, null);
    }

    /** A {@code caam-mp} enrollment without policy: deny by default until one is set. */
    public ProductEnrollment(String name, String partNumber, String srkHash, String mpPublicKey,
                             SecretTemplate template) {
        this(name, partNumber, srkHash, mpPublicKey, template, null);
    }
}
