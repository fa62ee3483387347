package io.imprint.cli.console;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on a terminal stream, redrawn at most ten times a second; on a
 * non-terminal it prints a line at every tenth of the work instead.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final AtomicLong done = new AtomicLong();
    private final long started = System.nanoTime();
    private volatile long lastDraw;
    private volatile long lastDecile = -1;

    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = System.console() != null;
    }

    /** Records {@code n} more units of work. Thread-safe. */
    public void step(long n) {
        long now = done.addAndGet(n);
        long t = System.nanoTime();
        if (terminal) {
            if (now >= total || t - lastDraw > 100_000_000L) {
                lastDraw = t;
                draw(now, '\r');
            }
        } else {
            long decile = now * 10 / total;
            if (decile != lastDecile) {
                lastDecile = decile;
                draw(now, '\n');
            }
        }
    }

    public void step() {
        step(1);
    }

    private synchronized void draw(long now, char end) {
        int filled = (int) (WIDTH * Math.min(now, total) / total);
        double secs = (System.nanoTime() - started) / 1e9;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String line = String.format("%s [%s] %d/%d  %.1f s  %.0f/s", label, bar, now, total, secs,
                secs > 0 ? now / secs : 0.0);
        if (end == '\r') {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void close() {
        if (terminal) {
            draw(done.get(), '\r');
            out.println();
        }
    }
}
