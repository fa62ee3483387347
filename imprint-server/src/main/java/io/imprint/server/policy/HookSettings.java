package io.imprint.server.policy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where and how to reach a product's decision hook: an HTTPS URL, trusted by a CA (PEM) or by the
 * SHA-256 fingerprint of its certificate, answered within {@code timeout}.
 *
 * @param caPem PEM certificates to trust, or null
 * @param fingerprintSha256 lowercase hex SHA-256 of the hook's certificate (DER), or null
 */
public record HookSettings(URI url, String caPem, String fingerprintSha256, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    public HookSettings {
        if (url == null || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw bad("decision hook URL must be https://host[:port]/path");
        }
        if (url.toString().length() > 512) {
            throw bad("decision hook URL is longer than 512 characters");
        }
        if ((caPem == null) == (fingerprintSha256 == null)) {
            throw bad("decision hook needs exactly one of a CA file (--hook-ca) or a certificate fingerprint (--hook-fingerprint)");
        }
        if (fingerprintSha256 != null) {
            fingerprintSha256 = fingerprintSha256.strip().replace(":", "").toLowerCase(Locale.ROOT);
            if (!fingerprintSha256.matches("[0-9a-f]{64}")) {
                throw bad("decision hook fingerprint must be the certificate's SHA-256 as 64 hex characters");
            }
        }
        if (caPem != null && (!caPem.contains("-----BEGIN CERTIFICATE-----") || caPem.length() > 64_000)) {
            throw bad("decision hook CA must be PEM certificates (at most 64 000 characters)");
        }
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw bad("decision hook timeout must be between 1 ms and 30 s");
        }
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }
}
