package io.imprint.server.admin;

import io.imprint.server.products.Product;

/** An enrolled product as the admin API shows it (public data only). */
public record ProductView(String name, String partNumber, String srkHash, String mpCurve, String mpPublicKey,
                          String secretTemplate, String created) {
    static ProductView of(Product p) {
        return new ProductView(p.name(), p.partNumber(), p.srkHashHex(), p.mpKey().curve().name(), p.mpKey().hex(),
                p.template().format(), p.created().toString());
    }
}
