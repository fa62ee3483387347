package io.imprint.server.admin;

import io.imprint.server.store.TrustRootRow;

/**
 * A product's trust root for one attestation method, as the admin API shows it.
 *
 * @param fingerprint lowercase hex SHA-256 of the certificate's DER
 * @param certificate the CA certificate, PEM
 */
public record TrustRootView(String product, String method, String fingerprint, String subject, String certificate,
                            String created) {
    static TrustRootView of(TrustRootRow r) {
        return new TrustRootView(r.product(), r.method(), r.fingerprint(), r.subject(), r.certificate(),
                r.created().toString());
    }
}
