package io.imprint.server.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A tiny HTML writer with one escaping rule: {@link #text} and attribute values are always escaped;
 * only {@link #raw} takes markup, and it is called with constants of this package only.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(4096);

    /** Escapes {@code & < > " '} (enough for text and double-quoted attribute values). */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** One path segment or query value, percent-encoded (spaces as %20). */
    static String url(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Markup this package wrote itself (never user data). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Escaped text. */
    Html text(Object value) {
        out.append(escape(value == null ? "" : value.toString()));
        return this;
    }

    /** {@code <tag attr="value"...>}; attribute values are escaped; {@code attrs} alternate name, value. */
    Html open(String tag, String... attrs) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                out.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag attrs>text</tag>}, the text escaped. */
    Html el(String tag, Object text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    /** A link whose href and text are escaped. */
    Html link(String href, Object text, String... attrs) {
        String[] all = new String[attrs.length + 2];
        all[0] = "href";
        all[1] = href;
        System.arraycopy(attrs, 0, all, 2, attrs.length);
        return el("a", text, all);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
