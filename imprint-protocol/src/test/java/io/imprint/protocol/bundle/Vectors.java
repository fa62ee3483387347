package io.imprint.protocol.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Loads a checked-in {@code name = value} vector file from this package's test resources. */
final class Vectors {
    private final Map<String, String> values = new HashMap<>();

    private Vectors(String text) {
        for (String line : text.split("\n")) {
            int eq = line.indexOf(" =");
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            values.put(line.substring(0, eq).strip(), line.substring(eq + 2).strip());
        }
    }

    static Vectors load(String resource) throws IOException {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            return new Vectors(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    String text(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no vector value " + name);
        }
        return v;
    }

    byte[] hex(String name) {
        return HexFormat.of().parseHex(text(name));
    }
}
