package io.imprint.server.audit;

import java.util.HexFormat;

/** Lowercase hex of hashes and signatures; lenient parsing for untrusted input. */
final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The bytes of {@code hex}, or null when it is null or not even-length hex. */
    static byte[] parse(String hex) {
        if (hex == null) {
            return null;
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
