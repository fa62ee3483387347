package io.imprint.server.keystore;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A PKCS#11 URI (RFC 7512) as Imprint uses it: {@code pkcs11:token=T;object=O?pin-value=P} or
 * {@code ?pin-source=file:/path}, optional {@code module-path=/path/lib.so}, {@code slot-id=N}, and
 * the Imprint extension {@code x-slot-list-index=N} (default 0). Path attributes are separated by
 * {@code ;}, query attributes by {@code &}; values are percent-decoded. {@link #toString()} hides the PIN.
 */
public record Pkcs11Uri(Optional<String> token, Optional<String> object, Optional<String> pinValue,
        Optional<String> pinSource, Optional<String> modulePath, Optional<Long> slotId, int slotListIndex) {
    public static final int MAX_CHARS = 2048;

    public static Pkcs11Uri parse(String uri) {
        if (uri == null || uri.length() > MAX_CHARS || !uri.startsWith("pkcs11:")) {
            throw new IllegalArgumentException("not a pkcs11: URI (RFC 7512)");
        }
        String rest = uri.substring("pkcs11:".length());
        int q = rest.indexOf('?');
        Map<String, String> path = attributes(q < 0 ? rest : rest.substring(0, q), ";");
        Map<String, String> query = attributes(q < 0 ? "" : rest.substring(q + 1), "&");
        if (query.containsKey("pin-value") && query.containsKey("pin-source")) {
            throw new IllegalArgumentException("pkcs11 URI has both pin-value and pin-source");
        }
        try {
            Optional<Long> slotId = Optional.ofNullable(path.get("slot-id")).map(Long::parseLong);
            int index = Integer.parseInt(query.getOrDefault("x-slot-list-index", "0"));
            if (index < 0 || index > 255) {
                throw new IllegalArgumentException("x-slot-list-index must be 0..255");
            }
            return new Pkcs11Uri(Optional.ofNullable(path.get("token")), Optional.ofNullable(path.get("object")),
                    Optional.ofNullable(query.get("pin-value")), Optional.ofNullable(query.get("pin-source")),
                    Optional.ofNullable(query.get("module-path")), slotId, index);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pkcs11 URI slot-id / x-slot-list-index must be numbers");
        }
    }

    private static Map<String, String> attributes(String text, String separator) {
        Map<String, String> out = new HashMap<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String pair : text.split(separator)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("pkcs11 URI attribute without a value: " + pair.split("=")[0]);
            }
            String name = pair.substring(0, eq);
            String value = URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException("pkcs11 URI repeats attribute " + name);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "pkcs11:" + token.map(t -> "token=" + t).orElse("") + object.map(o -> ";object=" + o).orElse("")
                + (pinValue.isPresent() ? "?pin-value=***" : pinSource.map(s -> "?pin-source=" + s).orElse(""));
    }
}
