package io.imprint.server.store;

import java.time.Instant;

/**
 * A stored product policy; text fields hold the policy's own textual forms.
 *
 * @param allowedSoftware {@code ""} (nothing), {@code >=1.0.0} or {@code 1.0.0,1.0.1}
 * @param requiredMetadata comma-separated keys
 * @param acceptedMpmr comma-separated lowercase hex MPMR values
 * @param hookUrl HTTPS URL of the decision hook, or null
 * @param hookCaPem PEM CA certificates trusted for the hook, or null
 * @param hookPinSha256 lowercase hex SHA-256 of the hook's certificate, or null
 */
public record PolicyRow(String product, String allowedSoftware, String requiredMetadata, boolean development,
                        String acceptedMpmr, String hookUrl, String hookCaPem, String hookPinSha256,
                        long hookTimeoutMillis, Instant updated) {
}
