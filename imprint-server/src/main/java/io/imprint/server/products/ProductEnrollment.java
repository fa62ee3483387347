package io.imprint.server.products;

import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.policy.ProductPolicy;

/**
 * What the OEM states to enroll a product.
 *
 * @param name product name ({@link io.imprint.protocol.codec.Fields#IDENTIFIER})
 * @param partNumber the chip part number, e.g. {@code MIMX8MM6DVTLZAA}
 * @param srkHash 64 hex characters: SHA-256 of the SRK table fused into the product's chips
 * @param mpPublicKey MP public key text: U-Boot {@code mfgprot pubk} output, hex X||Y or PEM
 * @param template the secrets each unit gets; null for {@link SecretTemplate#DEFAULT}
 * @param policy what the product accepts; null for {@link ProductPolicy#DENY_ALL} (every unit refused)
 */
public record ProductEnrollment(String name, String partNumber, String srkHash, String mpPublicKey,
                                SecretTemplate template, ProductPolicy policy) {
    /** An enrollment without policy: deny by default until one is set. */
    public ProductEnrollment(String name, String partNumber, String srkHash, String mpPublicKey,
                             SecretTemplate template) {
        this(name, partNumber, srkHash, mpPublicKey, template, null);
    }
}
