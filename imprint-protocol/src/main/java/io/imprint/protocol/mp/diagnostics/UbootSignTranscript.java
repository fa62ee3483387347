package io.imprint.protocol.mp.diagnostics;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pasted output of U-Boot {@code mfgprot sign <addr> <size>} (arch/arm/mach-imx/cmd_mfgprot.c):
 *
 * <pre>
 * Message: 7A 5D 4D A3
 * Message Representative Digest(SHA-256):
 * 2812EE80...
 * Signature:
 * C:
 * E85E34E4...   (r, 64 hex)
 * d:
 * 4A3C7A37...   (s, 64 hex)
 * </pre>
 * Tolerates CRLF, prompt lines around it, lowercase, wrapped message bytes and labels on the same
 * line as their values. U-Boot never prints the MPMR: the digest is how to find out which one was used.
 *
 * @param message the signed bytes
 * @param digest the printed SHA-256(MPMR || message)
 * @param rs the signature, raw r||s
 */
public record UbootSignTranscript(byte[] message, byte[] digest, byte[] rs) {
    /** Larger pastes are refused before parsing. */
    public static final int MAX_CHARS = 64 * 1024;
    private static final int DIGEST_BYTES = 32;
    private static final int HALF_BYTES = 32;
    static final Pattern MESSAGE = Pattern.compile("(?i)\\bmessage\\s*:");
    static final Pattern DIGEST = Pattern.compile("(?i)message\\s+representative\\s+digest\\s*\\(\\s*sha-?256\\s*\\)\\s*:");
    static final Pattern SIGNATURE = Pattern.compile("(?i)\\bsignature\\s*:");
    private static final Pattern R = Pattern.compile("(?i)\\bc\\s*:");
    private static final Pattern S = Pattern.compile("(?i)\\bd\\s*:");

    public UbootSignTranscript {
        message = message.clone();
        digest = digest.clone();
        rs = rs.clone();
    }

    @Override public byte[] message() { return message.clone(); }
    @Override public byte[] digest() { return digest.clone(); }
    @Override public byte[] rs() { return rs.clone(); }

    /** Parses a transcript; a missing or malformed part is an {@link IllegalArgumentException} saying which. */
    public static UbootSignTranscript parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("transcript longer than " + MAX_CHARS + " characters");
        }
        String t = text.replace("\r", "");
        Matcher msg = find(MESSAGE, t, 0, "'Message:' line");
        Matcher dgst = find(DIGEST, t, msg.end(), "'Message Representative Digest(SHA-256):' line");
        Matcher sig = find(SIGNATURE, t, dgst.end(), "'Signature:' line");
        Matcher r = find(R, t, sig.end(), "'C:' (r) line");
        Matcher s = find(S, t, r.end(), "'d:' (s) line");
        byte[] message = messageBytes(t.substring(msg.end(), dgst.start()));
        byte[] digest = hex(t.substring(dgst.end(), sig.start()), "digest", DIGEST_BYTES, true);
        if (!t.substring(sig.end(), r.start()).isBlank()) {
            throw new IllegalArgumentException("unexpected text between 'Signature:' and 'C:'");
        }
        byte[] rBytes = hex(t.substring(r.end(), s.start()), "C (r)", HALF_BYTES, true);
        byte[] sBytes = hex(t.substring(s.end()), "d (s)", HALF_BYTES, false);
        byte[] rs = new byte[2 * HALF_BYTES];
        System.arraycopy(rBytes, 0, rs, 0, HALF_BYTES);
        System.arraycopy(sBytes, 0, rs, HALF_BYTES, HALF_BYTES);
        return new UbootSignTranscript(message, digest, rs);
    }

    static Matcher find(Pattern p, String t, int from, String what) {
        Matcher m = p.matcher(t);
        if (!m.find(from)) {
            throw new IllegalArgumentException("not U-Boot 'mfgprot sign' output: no " + what);
        }
        return m;
    }

    static byte[] messageBytes(String section) {
        String body = section.strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("the Message line holds no bytes");
        }
        String[] tokens = body.split("\\s+");
        byte[] out = new byte[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            if (!tokens[i].matches("[0-9A-Fa-f]{2}")) {
                throw new IllegalArgumentException("Message byte " + (i + 1) + " is not two hex digits: '"
                        + abbreviate(tokens[i]) + "'");
            }
            out[i] = (byte) Integer.parseInt(tokens[i], 16);
        }
        return out;
    }

    /** Exactly {@code bytes} bytes of hex, whitespace ignored; with {@code whole}, nothing else in the section. */
    static byte[] hex(String section, String what, int bytes, boolean whole) {
        StringBuilder digits = new StringBuilder(2 * bytes);
        int i = 0;
        for (; i < section.length() && digits.length() < 2 * bytes; i++) {
            char c = section.charAt(i);
            if (Character.digit(c, 16) >= 0) {
                digits.append(c);
            } else if (!Character.isWhitespace(c)) {
                break;
            }
        }
        boolean rest = whole && !section.substring(Math.min(i, section.length())).isBlank();
        if (digits.length() != 2 * bytes || rest) {
            throw new IllegalArgumentException(what + " must be " + 2 * bytes + " hex digits");
        }
        return HexFormat.of().parseHex(digits.toString().toLowerCase(Locale.ROOT));
    }

    private static String abbreviate(String s) {
        return s.length() > 16 ? s.substring(0, 16) + "..." : s;
    }
}
