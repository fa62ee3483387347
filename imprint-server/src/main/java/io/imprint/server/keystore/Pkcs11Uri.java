package io.imprint.server.keystore;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A PKCS#11 URI (RFC 7512) as Imprint uses it: {@code pkcs11:token=T;object=O?pin-value=P} or
 * {@code ?pin-source=file:/path}, optional {@code module-path=/path/lib.so}. The token is chosen by
 * the path attributes {@code token} (label), {@code serial}, {@code manufacturer}, {@code model} and
 * {@code slot-id} (see {@link Pkcs11Slots}); without any of them, by the Imprint extension
 * {@code x-slot-list-index=N} (default 0). Path attributes are separated by {@code ;}, query
 * attributes by {@code &}; values are percent-decoded; an attribute Imprint does not know is refused
 * rather than ignored. Holds the PIN, so it is not a record: {@link #toString()} and every parse error
 * leave the PIN (and any attribute value that might be one) out.
 */
public final class Pkcs11Uri {
    public static final int MAX_CHARS = 2048;
    /** Path attributes that name the token, in RFC 7512 order; their values are matched against CK_TOKEN_INFO. */
    static final List<String> TOKEN_ATTRIBUTES = List.of("token", "manufacturer", "model", "serial");
    private static final Set<String> PATH = Set.of("token", "manufacturer", "model", "serial", "slot-id", "object", "id", "type");
    private static final Set<String> QUERY = Set.of("pin-value", "pin-source", "module-path", "x-slot-list-index");

    private final Map<String, String> tokenAttributes;
    private final Optional<Long> slotId;
    private final Optional<Integer> slotListIndex;
    private final Optional<String> pinValue;
    private final Optional<String> pinSource;
    private final Optional<String> modulePath;

    private Pkcs11Uri(Map<String, String> path, Map<String, String> query) {
        Map<String, String> tokenAttrs = new LinkedHashMap<>();
        for (String name : TOKEN_ATTRIBUTES) {
            if (path.containsKey(name)) {
                tokenAttrs.put(name, path.get(name));
            }
        }
        this.tokenAttributes = Map.copyOf(tokenAttrs);
        try {
            this.slotId = Optional.ofNullable(path.get("slot-id")).map(Long::parseLong);
            this.slotListIndex = Optional.ofNullable(query.get("x-slot-list-index")).map(Integer::parseInt);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pkcs11 URI slot-id / x-slot-list-index must be numbers");
        }
        if (slotListIndex.isPresent() && (slotListIndex.get() < 0 || slotListIndex.get() > 255)) {
            throw new IllegalArgumentException("x-slot-list-index must be 0..255");
        }
        if (slotListIndex.isPresent() && (slotId.isPresent() || !tokenAttrs.isEmpty())) {
            throw new IllegalArgumentException("pkcs11 URI: x-slot-list-index cannot be combined with token=, serial=,"
                    + " manufacturer=, model= or slot-id=");
        }
        this.pinValue = Optional.ofNullable(query.get("pin-value"));
        this.pinSource = Optional.ofNullable(query.get("pin-source"));
        this.modulePath = Optional.ofNullable(query.get("module-path"));
    }

    public static Pkcs11Uri parse(String uri) {
        if (uri == null || uri.length() > MAX_CHARS || !uri.startsWith("pkcs11:")) {
            throw new IllegalArgumentException("not a pkcs11: URI (RFC 7512)");
        }
        String rest = uri.substring("pkcs11:".length());
        int q = rest.indexOf('?');
        Map<String, String> path = attributes(q < 0 ? rest : rest.substring(0, q), ";", PATH, "path");
        Map<String, String> query = attributes(q < 0 ? "" : rest.substring(q + 1), "&", QUERY, "query");
        if (query.containsKey("pin-value") && query.containsKey("pin-source")) {
            throw new IllegalArgumentException("pkcs11 URI has both pin-value and pin-source");
        }
        return new Pkcs11Uri(path, query);
    }

    /**
     * Splits and decodes attributes. Errors name an attribute only when it is a known one: an
     * unknown name or a part without {@code =} may be a misplaced PIN, so it is counted, never shown.
     */
    private static Map<String, String> attributes(String text, String separator, Set<String> known, String part) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return out;
        }
        String[] pairs = text.split(separator, -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String name = eq <= 0 ? "" : pair.substring(0, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("pkcs11 URI " + part + " attribute " + (i + 1) + " is "
                        + (eq <= 0 ? "not name=value" : "not supported") + " (supported: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
            String value = URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException("pkcs11 URI repeats attribute " + name);
            }
        }
        return out;
    }

    /** The token attributes present ({@code token}, {@code manufacturer}, {@code model}, {@code serial}). */
    public Map<String, String> tokenAttributes() {
        return tokenAttributes;
    }

    public Optional<Long> slotId() {
        return slotId;
    }

    /** The position in the module's slot list, for URIs that name no token and no slot (default 0). */
    public int slotListIndex() {
        return slotListIndex.orElse(0);
    }

    /** Whether the token is chosen by its attributes (label, serial, ...) rather than by slot. */
    public boolean namesToken() {
        return !tokenAttributes.isEmpty();
    }

    /** The PIN given inline ({@code pin-value}); never print it. */
    Optional<String> pinValue() {
        return pinValue;
    }

    public Optional<String> pinSource() {
        return pinSource;
    }

    public Optional<String> modulePath() {
        return modulePath;
    }

    /** What the URI asks for, e.g. {@code token=day-oem;serial=1a2b}: the selection only, no PIN. */
    public String selector() {
        StringBuilder s = new StringBuilder();
        for (String name : TOKEN_ATTRIBUTES) {
            if (tokenAttributes.containsKey(name)) {
                s.append(s.isEmpty() ? "" : ";").append(name).append('=').append(tokenAttributes.get(name));
            }
        }
        slotId.ifPresent(id -> s.append(s.isEmpty() ? "" : ";").append("slot-id=").append(id));
        return s.isEmpty() ? "x-slot-list-index=" + slotListIndex() : s.toString();
    }

    @Override
    public String toString() {
        return "pkcs11:" + selector()
                + (pinValue.isPresent() ? "?pin-value=***" : pinSource.map(s -> "?pin-source=" + s).orElse(""));
    }
}
