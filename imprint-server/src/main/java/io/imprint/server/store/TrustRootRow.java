package io.imprint.server.store;

import java.time.Instant;

/**
 * A trust root of a product for one attestation method.
 *
 * @param fingerprint lowercase hex SHA-256 of the certificate's DER
 * @param certificate the certificate, PEM
 * @param subject the certificate's subject (RFC 2253), for listings
 */
public record TrustRootRow(String product, String method, String fingerprint, String certificate, String subject,
                           Instant created) {
}
