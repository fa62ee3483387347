package io.imprint.server.keystore;

import java.util.Map;

/**
 * A token present in a PKCS#11 slot, as C_GetTokenInfo reports it (blank padding removed): what a
 * {@link Pkcs11Uri} is matched against. Public facts only; no PIN or key material.
 */
public record Pkcs11Token(long slotId, String label, String manufacturer, String model, String serial) {

    /** Whether every token attribute of {@code uri} (and its {@code slot-id}, if given) equals this token's. */
    public boolean matches(Pkcs11Uri uri) {
        if (uri.slotId().isPresent() && uri.slotId().get() != slotId) {
            return false;
        }
        for (Map.Entry<String, String> a : uri.tokenAttributes().entrySet()) {
            if (!a.getValue().equals(attribute(a.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The value of an RFC 7512 token attribute: {@code token}, {@code manufacturer}, {@code model}, {@code serial}. */
    String attribute(String name) {
        return switch (name) {
            case "token" -> label;
            case "manufacturer" -> manufacturer;
            case "model" -> model;
            case "serial" -> serial;
            default -> throw new IllegalArgumentException("not a token attribute: " + name);
        };
    }

    /** For error messages: {@code 'day-oem' (serial 5f3c..., slot 12)}. */
    String describe() {
        return "'" + label + "' (serial " + serial + ", slot " + slotId + ")";
    }
}
