package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code imprint demo --keep-running} in its own JVM, as a user starts it, up to "Press Ctrl-C to
 * stop."; {@link #close} stops it with SIGTERM (as Ctrl-C) and waits for its shutdown hooks.
 */
public final class RunningDemo implements AutoCloseable {
    private static final Pattern STORE = Pattern.compile("store\\s+embedded SQLite in (\\S+)");
    private final Process process;
    private final String out;

    private RunningDemo(Process process, String out) {
        this.process = process;
        this.out = out;
    }

    /** Starts the demo with {@code devices} devices on one station, its output logged to {@code log}. */
    public static RunningDemo start(Path log, int devices) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                Main.class.getName(), "demo", "--devices", Integer.toString(devices), "--stations", "1",
                "--keep-running").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            return new RunningDemo(p, awaitOutput(p, log, "Press Ctrl-C to stop."));
        } catch (Exception | AssertionError e) {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** What the demo printed up to the marker. */
    public String out() {
        return out;
    }

    /** The data directory the demo works in. */
    public Path dataDir() {
        Matcher m = STORE.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Path.of(m.group(1));
    }

    /** The first group of {@code pattern}'s first match in the output. */
    public String find(String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(out);
        assertThat(m.find()).as("'" + pattern + "' in:\n" + out).isTrue();
        return m.group(1);
    }

    /** The printed {@code ./imprint ...} lines as argument lists. */
    public List<List<String>> nextCommands() {
        return DemoCommandTest.nextCommands(out);
    }

    /** Stops the demo as Ctrl-C would (SIGTERM: its shutdown hooks run). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("demo stops on SIGTERM").isTrue();
    }

    private static String awaitOutput(Process p, Path log, String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains(marker)) {
                return text;
            }
            assertThat(p.isAlive()).as("demo ended early:\n" + text).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + marker + "' within 120 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
}
