package io.imprint.cli;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Reading command-line values that may be literal text or a file, with size limits. */
final class Inputs {
    static final long MAX_FILE_BYTES = 1 << 20;

    private Inputs() {
    }

    /** The contents of {@code value} if it names a readable file, else {@code value} itself. */
    static String textOrFile(String what, String value) throws IOException {
        Path p = Path.of(value);
        if (value.length() < 4096 && Files.isRegularFile(p)) {
            return new String(readFile(what, p), StandardCharsets.UTF_8);
        }
        if (looksLikePath(value)) {
            throw new ImprintException(ProblemCode.NOT_FOUND, what + ": no such file " + value);
        }
        return value;
    }

    /**
     * A value that can only be a file name (one word with a directory separator or a file extension,
     * not hex): a missing file is then said as such, not as text that does not parse.
     */
    static boolean looksLikePath(String value) {
        return value.length() < 4096 && value.matches("[\\w./~+-]+") && !value.matches("[0-9A-Fa-f]+")
                && (value.contains("/") || value.matches(".*\\.[A-Za-z][A-Za-z0-9]{0,4}"));
    }

    /**
     * An MP public key argument as text for {@code MpPublicKey.parse}: literal text, or a file holding
     * U-Boot output, hex or PEM, or the raw 64-byte X||Y (turned into hex here).
     */
    static String mpKeyText(String what, String value) throws IOException {
        Path p = Path.of(value);
        if (value.length() < 4096 && Files.isRegularFile(p) && Files.size(p) == 64) {
            byte[] raw = readFile(what, p);
            String asText = new String(raw, StandardCharsets.US_ASCII);
            if (!asText.matches("[0-9A-Fa-f]{64}")) {
                return HexFormat.of().formatHex(raw);
            }
        }
        return textOrFile(what, value);
    }

    static byte[] readFile(String what, Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, what + ": no such file " + p);
        }
        if (Files.size(p) > MAX_FILE_BYTES) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE, what + ": " + p + " is larger than 1 MiB");
        }
        return Files.readAllBytes(p);
    }

    /** Hex with optional spaces or colons; refuses anything else. */
    static byte[] hex(String what, String value, int expectedBytes) {
        String clean = value.replaceAll("[\\s:]", "");
        if (!clean.matches("([0-9A-Fa-f]{2})*") || clean.isEmpty()) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, what + " must be hex");
        }
        byte[] out = HexFormat.of().parseHex(clean);
        if (expectedBytes > 0 && out.length != expectedBytes) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    what + " must be " + expectedBytes + " bytes (" + 2 * expectedBytes + " hex characters), got " + out.length);
        }
        return out;
    }
}
