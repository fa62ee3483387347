package io.imprint.server.products;

import io.imprint.protocol.method.AttestationMethod;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A product's trust for one method it accepts: the CA certificates (TPM-vendor roots, secure-element
 * vendor roots) that a device's certificate chain must lead to. Empty for {@code caam-mp}, whose trust
 * is the product's MP key and SRK hash.
 */
public record MethodTrust(AttestationMethod method, List<X509Certificate> roots) {
    public MethodTrust {
        roots = List.copyOf(roots);
    }
}
