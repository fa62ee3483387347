package io.imprint.cli.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code imprint server} in a child JVM on fixed loopback ports, so it can be killed with SIGKILL
 * and started again where the devices expect it. Its output goes to a log file per start.
 */
final class ServerNode implements AutoCloseable {
    private static final Pattern FINGERPRINT = Pattern.compile("Server fingerprint[^:]*: ([0-9a-f]{64})");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private final String name;
    private final List<String> command;
    private final Path logDir;
    private final int port;
    private Process process;
    private String fingerprint;
    private int starts;

    ServerNode(String name, Path dataDir, String databaseUrl, Path logDir) throws IOException {
        this.name = name;
        this.logDir = logDir;
        this.port = freePort();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", cp, "io.imprint.cli.Main", "server", "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port), "--admin-port", Integer.toString(freePort())));
        if (databaseUrl != null) {
            cmd.addAll(List.of("--database-url", databaseUrl));
        }
        this.command = List.copyOf(cmd);
    }

    /** Starts the node and waits until it serves (its banner names the TLS fingerprint). */
    void start() throws IOException, InterruptedException {
        Path log = logDir.resolve(name + "-" + (++starts) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = FINGERPRINT.matcher(out);
            if (m.find()) {
                fingerprint = m.group(1);
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + out);
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not start in " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hook runs, whatever the node was doing is cut off. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    String fingerprint() {
        return fingerprint;
    }

    String name() {
        return name;
    }

    /** SIGTERM and wait: the node's orderly shutdown. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
