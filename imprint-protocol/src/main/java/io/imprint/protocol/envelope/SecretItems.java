package io.imprint.protocol.envelope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Named secret values, in a fixed order. Holds secret bytes: never printed ({@link #toString()}
 * shows names and sizes only), copied on every access, and {@link #destroy() destroyable}.
 */
public final class SecretItems {
    public static final int MAX_ITEMS = 32;
    public static final int MAX_ITEM_BYTES = 65535;
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    private final LinkedHashMap<String, byte[]> items;

    private SecretItems(LinkedHashMap<String, byte[]> items) {
        this.items = items;
    }

    /** A builder that validates names, sizes and count. */
    public static Builder builder() {
        return new Builder();
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(items.keySet()));
    }

    public int size() {
        return items.size();
    }

    /** A copy of one secret's bytes; the caller should wipe it after use. */
    public byte[] value(String name) {
        byte[] v = items.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no secret named " + name);
        }
        return v.clone();
    }

    /** Overwrites every value with zeros. */
    public void destroy() {
        for (byte[] v : items.values()) {
            Arrays.fill(v, (byte) 0);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SecretItems[");
        boolean first = true;
        for (Map.Entry<String, byte[]> e : items.entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(" (").append(e.getValue().length).append(" bytes)");
            first = false;
        }
        return sb.append(']').toString();
    }

    /** Collects items; {@link #build()} takes ownership of copies of the values. */
    public static final class Builder {
        private final LinkedHashMap<String, byte[]> items = new LinkedHashMap<>();

        public Builder add(String name, byte[] value) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("secret name must match " + NAME.pattern());
            }
            if (value.length > MAX_ITEM_BYTES) {
                throw new IllegalArgumentException("secret " + name + " larger than " + MAX_ITEM_BYTES + " bytes");
            }
            if (items.containsKey(name)) {
                throw new IllegalArgumentException("duplicate secret " + name);
            }
            if (items.size() == MAX_ITEMS) {
                throw new IllegalArgumentException("more than " + MAX_ITEMS + " secrets");
            }
            items.put(name, value.clone());
            return this;
        }

        public SecretItems build() {
            return new SecretItems(new LinkedHashMap<>(items));
        }
    }
}
