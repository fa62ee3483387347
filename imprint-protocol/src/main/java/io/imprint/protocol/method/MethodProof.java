package io.imprint.protocol.method;

import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The method-specific fields of an attestation or preparation ({@code "proof": {name: Base64}}):
 * at most {@value #MAX_FIELDS} fields, names {@code [a-z][A-Za-z0-9]{0,31}}, each value canonical
 * Base64 decoded only when a method asks for it with its own bound. A method names every field it
 * takes ({@link #requireOnly}); any other field is a malformed request.
 */
public final class MethodProof {
    public static final int MAX_FIELDS = 8;
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,31}");
    private static final MethodProof EMPTY = new MethodProof(Map.of());
    private final Map<String, String> fields;

    private MethodProof(Map<String, String> fields) {
        this.fields = fields;
    }

    /** The proof of a request; {@code null} is an empty proof. */
    public static MethodProof of(Map<String, String> wire) {
        if (wire == null || wire.isEmpty()) {
            return EMPTY;
        }
        if (wire.size() > MAX_FIELDS) {
            throw malformed("proof has more than " + MAX_FIELDS + " fields");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : wire.entrySet()) {
            if (e.getKey() == null || !NAME.matcher(e.getKey()).matches()) {
                throw malformed("proof field names must be 1-32 of a-z A-Z 0-9 starting with a-z");
            }
            if (e.getValue() == null) {
                throw malformed("proof." + e.getKey() + " is missing");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return new MethodProof(Collections.unmodifiableMap(copy));
    }

    /** Encodes named byte values for the wire (what a device sends). */
    public static Map<String, String> wire(Map<String, byte[]> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Base64Field.encode(v)));
        return of(out).fields;
    }

    /** Refuses any field not in {@code allowed} (so an unknown field is never silently ignored). */
    public MethodProof requireOnly(String method, Set<String> allowed) {
        for (String name : fields.keySet()) {
            if (!allowed.contains(name)) {
                throw malformed("method " + method + " takes no proof field '" + name + "' (takes: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    /** The field's bytes, {@code min..max} long. */
    public byte[] bytes(String name, int min, int max) {
        byte[] value = Base64Field.decode("proof." + name, fields.get(name), max);
        if (value.length < min) {
            throw malformed("proof." + name + " must be at least " + min + " bytes");
        }
        return value;
    }

    /** The field's bytes when present. */
    public Optional<byte[]> optional(String name, int min, int max) {
        return fields.containsKey(name) ? Optional.of(bytes(name, min, max)) : Optional.empty();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Field names, for logs (values are never printed). */
    public Set<String> names() {
        return new TreeSet<>(fields.keySet());
    }

    /** The wire form (names to Base64). */
    public Map<String, String> toWire() {
        return fields;
    }

    private static ImprintException malformed(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }

    @Override
    public String toString() {
        return "MethodProof" + names();
    }
}
