package io.imprint.server.bundle;

import io.imprint.protocol.envelope.SecretItems;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What to put in a bundle. Holds secrets: {@link #toString()} shows names and counts only.
 *
 * @param product the product (its MP key derives the bundle key)
 * @param lot the production order name
 * @param givenSecrets lot-wide secrets supplied by the OEM (e.g. read from files)
 * @param generatedSecrets lot-wide random keys to generate: name to length in bytes (1..65535)
 * @param unitSecrets per-unit secrets by serial, every unit with the same names (may be empty)
 * @param imageDigest SHA-256 of the final production image to bind the bundle to, if any
 * @param expiresAt devices refuse the bundle after this instant
 */
public record BundleSpec(String product, String lot, SecretItems givenSecrets, Map<String, Integer> generatedSecrets,
        Map<String, SecretItems> unitSecrets, Optional<byte[]> imageDigest, Instant expiresAt) {
    public BundleSpec {
        generatedSecrets = new LinkedHashMap<>(generatedSecrets);
        unitSecrets = new LinkedHashMap<>(unitSecrets);
        imageDigest = imageDigest.map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "BundleSpec[" + product + "/" + lot + " given=" + givenSecrets.names() + " generated="
                + generatedSecrets.keySet() + " units=" + unitSecrets.size() + "]";
    }
}
