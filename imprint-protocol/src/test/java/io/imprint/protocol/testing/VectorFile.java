package io.imprint.protocol.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checked-in known-answer vector file (docs/protocol.md, "Test vectors"): {@code name = value}
 * lines; a line starting with a space continues the previous value (long hex is wrapped at 32 bytes
 * a line); lines starting with {@code #} are comments. Values are text or lowercase hex, as the
 * file's header says for each name.
 */
public final class VectorFile {
    /** Where the protocol module's vector files are on the test classpath (and in its test-jar). */
    public static final String RESOURCE_DIR = "/vectors/";
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, String> values;

    private VectorFile(Map<String, String> values) {
        this.values = values;
    }

    /** Loads {@code /vectors/<name>} from the test classpath. */
    public static VectorFile load(String name) {
        try (InputStream in = VectorFile.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector file " + RESOURCE_DIR + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the text of a vector file (or of a vector block in a document). */
    public static VectorFile parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (last == null) {
                    throw new IllegalArgumentException("continuation line before any value: " + line);
                }
                values.put(last, values.get(last) + line.strip());
                continue;
            }
            int eq = line.indexOf(" =");
            if (eq < 0) {
                throw new IllegalArgumentException("not a 'name = value' line: " + line);
            }
            last = line.substring(0, eq).strip();
            if (values.put(last, line.substring(eq + 2).strip()) != null) {
                throw new IllegalArgumentException("duplicate vector value " + last);
            }
        }
        return new VectorFile(values);
    }

    /** Every value by name, in file order. */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String text(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no vector value " + name);
        }
        return v;
    }

    public byte[] hex(String name) {
        return HEX.parseHex(text(name));
    }

    public long number(String name) {
        return Long.parseLong(text(name));
    }

    /** The values whose names start with {@code prefix}, keyed by the rest of the name, in file order. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
