package io.imprint.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes PINs and token passwords out of text the CLI prints: every error line passes through
 * {@link #secrets}. A value after {@code pin-value=}, {@code pin=}, {@code so-pin=}, {@code password=}
 * or {@code passphrase=} (also with {@code :}) becomes {@code ***}; {@code pin-source=} (a file
 * name) stays. The messages Imprint builds never hold a PIN; this is the net for text it does not
 * build, such as picocli echoing a mistyped argument.
 */
final class Redaction {
    private static final Pattern SECRET = Pattern.compile(
            "(?i)\\b(pin-value|so-pin|pin|token-password|password|passphrase)(\\s*[=:]\\s*)[^&;\\s'\"]+");

    private Redaction() {
    }

    /** {@code text} with the value of every secret attribute replaced by {@code ***}. */
    static String secrets(String text) {
        return text == null ? null : SECRET.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "***"));
    }

    /**
     * {@code text} with every command-line argument that holds a secret replaced, whole, by its
     * redacted form (a PIN with a space or quote in it is not cut short), then {@link #secrets}.
     */
    static String secrets(String text, String... args) {
        String out = text == null ? "" : text;
        for (String arg : args) {
            String redacted = secrets(arg);
            if (arg != null && !arg.isEmpty() && !arg.equals(redacted)) {
                out = out.replace(arg, redacted);
            }
        }
        return secrets(out);
    }
}
