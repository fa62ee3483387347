package io.imprint.device.tpm;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A software TPM 2.0 (swtpm, an EMULATOR, not silicon) on loopback: manufactured by
 * {@code swtpm_setup} with an RSA and an ECC EK and their certificates from a
 * {@link SwtpmVendorCa}, NV locked, then served by {@code swtpm socket} on free loopback ports
 * (already initialized and started, {@code TPM2_Startup(CLEAR)}). Close stops the process it started.
 */
public final class Swtpm implements AutoCloseable {
    /** The Debian packages that provide swtpm, swtpm_setup/swtpm_localca and tpm2-tools. */
    public static final String PACKAGES = "swtpm swtpm-tools tpm2-tools";
    private static final List<String> TOOLS = List.of("swtpm", "swtpm_setup", "swtpm_localca", "tpm2_createek",
            "tpm2_quote", "tpm2_activatecredential");
    private static final long SETUP_TIMEOUT_S = 60;

    private final Process process;
    private final int port;
    private final Path stateDir;
    /** Stops the process if the JVM exits without closing this (a test run that was killed). */
    private final Thread stopAtExit;
    private boolean closed;

    private Swtpm(Process process, int port, Path stateDir) {
        this.process = process;
        this.port = port;
        this.stateDir = stateDir;
        this.stopAtExit = new Thread(process::destroy, "swtpm-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** One line naming what is missing and the packages to install, when a tool is not on the PATH. */
    public static Optional<String> missingTools() {
        return missingTools(System.getenv().getOrDefault("PATH", ""));
    }

    static Optional<String> missingTools(String path) {
        for (String tool : TOOLS) {
            boolean found = false;
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return Optional.of(tool + " not found: install the Debian packages " + PACKAGES
                        + " (apt-get install " + PACKAGES + ")");
            }
        }
        return Optional.empty();
    }

    /** Manufactures a TPM in {@code stateDir} (which must be new or empty) with EK certificates from {@code vendor}. */
    public static void manufacture(Path stateDir, SwtpmVendorCa vendor) throws IOException {
        requireTools();
        Files.createDirectories(stateDir);
        Path log = stateDir.resolveSibling(stateDir.getFileName() + "-setup.log");
        Process setup = new ProcessBuilder("swtpm_setup", "--tpm2", "--tpmstate", stateDir.toString(),
                "--createek", "--create-ek-cert", "--create-platform-cert", "--lock-nvram",
                "--config", vendor.setupConfig().toString(), "--overwrite")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        waitFor(setup, "swtpm_setup", SETUP_TIMEOUT_S, log);
    }

    /** Starts {@code swtpm socket} for the TPM manufactured in {@code stateDir}. */
    public static Swtpm start(Path stateDir) throws IOException {
        requireTools();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            // The swtpm TCTI reaches the control channel on the port after the command port.
            int server = freePortPair();
            int ctrl = server + 1;
            Path log = stateDir.resolveSibling(stateDir.getFileName() + "-swtpm.log");
            Process p = new ProcessBuilder("swtpm", "socket", "--tpm2",
                    "--server", "type=tcp,port=" + server + ",bindaddr=127.0.0.1",
                    "--ctrl", "type=tcp,port=" + ctrl + ",bindaddr=127.0.0.1",
                    "--tpmstate", "dir=" + stateDir, "--flags", "not-need-init,startup-clear")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Swtpm tpm = new Swtpm(p, server, stateDir);
            if (tpm.awaitListening(ctrl)) {
                return tpm;
            }
            tpm.close();
            last = new IOException("swtpm did not start: " + lastLine(log));
        }
        throw last;
    }

    /** The TCTI tpm2-tools use to reach this TPM. */
    public String tcti() {
        return "swtpm:host=127.0.0.1,port=" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Stops the swtpm process this object started (by its pid), waiting for it to exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // The JVM is exiting: the hook stops the process.
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitListening(int ctrl) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ctrl), 200);
                return true;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        return false;
    }

    private static void requireTools() throws IOException {
        Optional<String> missing = missingTools();
        if (missing.isPresent()) {
            throw new IOException(missing.get());
        }
    }

    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port >= 65535) {
                    continue;
                }
                try (ServerSocket second = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no two consecutive free loopback ports for swtpm");
    }

    private static void waitFor(Process p, String what, long seconds, Path log) throws IOException {
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " timed out after " + seconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed (exit " + p.exitValue() + "): " + lastLine(log));
        }
    }

    private static String lastLine(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "no output";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "no output" : lines.getLast();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Swtpm[emulated TPM 2.0, " + tcti() + ", pid " + process.pid() + "]";
    }
}
