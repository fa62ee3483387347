package io.imprint.server.alerts;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Webhook alert settings.
 *
 * @param webhook HTTPS URL alerts are POSTed to, or null for no webhook (alerts stay in the event log only)
 * @param caFile PEM CA certificate(s) to trust for the webhook instead of the JDK's, or null
 * @param fingerprint SHA-256 (hex) of the webhook's certificate to trust instead, or null
 * @param maxAttempts delivery attempts before an alert is marked failed
 * @param firstBackoff wait after the first failure; doubles per attempt up to {@code maxBackoff}
 */
public record AlertConfig(URI webhook, Path caFile, String fingerprint, int maxAttempts, Duration firstBackoff,
                          Duration maxBackoff) {
    public static final AlertConfig NONE = new AlertConfig(null, null, null, 10, Duration.ofSeconds(2),
            Duration.ofMinutes(10));

    public AlertConfig {
        if (webhook != null && !"https".equalsIgnoreCase(webhook.getScheme())) {
            throw new IllegalArgumentException("the alert webhook must be an https:// URL");
        }
        if (caFile != null && fingerprint != null) {
            throw new IllegalArgumentException("give either a webhook CA or a webhook certificate fingerprint, not both");
        }
        if (fingerprint != null && !fingerprint.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("the webhook certificate fingerprint must be 64 hex characters (SHA-256)");
        }
        if (maxAttempts < 1 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("invalid retry settings");
        }
    }

    /** Delivers to {@code url} with the default retry settings. */
    public static AlertConfig webhook(URI url, Path caFile, String fingerprint) {
        return new AlertConfig(url, caFile, fingerprint, NONE.maxAttempts, NONE.firstBackoff, NONE.maxBackoff);
    }

    public AlertConfig withRetries(int attempts, Duration first, Duration max) {
        return new AlertConfig(webhook, caFile, fingerprint, attempts, first, max);
    }

    public boolean enabled() {
        return webhook != null;
    }
}
