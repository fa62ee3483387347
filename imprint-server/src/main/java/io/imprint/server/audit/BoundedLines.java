package io.imprint.server.audit;

import java.io.IOException;
import java.io.Reader;

/** Reads {@code \n}-terminated lines of at most a fixed length; longer input is refused, not buffered. */
final class BoundedLines {
    private final Reader in;
    private final int max;
    private int number;
    private boolean terminated = true;

    BoundedLines(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its {@code \n}, or null at the end. */
    String next() throws IOException {
        StringBuilder b = new StringBuilder();
        int ch;
        while ((ch = in.read()) != -1) {
            if (ch == '\n') {
                number++;
                terminated = true;
                return b.toString();
            }
            if (b.length() >= max) {
                throw new IOException("audit export line " + (number + 1) + " longer than " + max + " characters");
            }
            b.append((char) ch);
        }
        if (b.isEmpty()) {
            return null;
        }
        number++;
        terminated = false;
        return b.toString();
    }

    /** 1-based number of the line last returned. */
    int number() {
        return number;
    }

    /** False when the line last returned ended at end of input without {@code \n}. */
    boolean terminated() {
        return terminated;
    }
}
