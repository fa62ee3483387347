package io.imprint.device.uboot;

import java.util.regex.Pattern;

/**
 * Turns what a console sent into plain lines: ANSI escape sequences (the countdown's clear-line)
 * removed, CR/LF, LF/CR and lone CR made LF, other control characters dropped. Pure.
 */
final class ConsoleText {
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f]");

    private ConsoleText() {
    }

    static String normalize(CharSequence raw) {
        String s = ANSI.matcher(raw).replaceAll("");
        s = s.replace("\r\n", "\n").replace("\n\r", "\n").replace('\r', '\n');
        return CONTROL.matcher(s).replaceAll("");
    }

    /** The last non-blank line, at most 80 characters, for a message. */
    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        return last.length() > 80 ? last.substring(0, 77) + "..." : last;
    }

    /** Whether most of what arrived is not printable ASCII: the sign of a wrong baud rate. */
    static boolean looksGarbled(CharSequence raw) {
        if (raw.length() < 8) {
            return false;
        }
        int bad = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c < 0x20 && c != '\r' && c != '\n' && c != '\t' && c != 0x1b && c != 0x08) || c > 0x7e) {
                bad++;
            }
        }
        return bad * 4 > raw.length();
    }
}
