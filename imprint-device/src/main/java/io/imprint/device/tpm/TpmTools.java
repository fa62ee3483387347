package io.imprint.device.tpm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs tpm2-tools commands against one TPM, named by its TCTI ({@code device:/dev/tpmrm0} on a
 * board, {@code swtpm:host=127.0.0.1,port=P} for swtpm). Every command has a timeout; a failure
 * becomes one line: the command, its exit status and the tool's own {@code ERROR:} line. Secrets go
 * through stdin/stdout or owner-only files, never through the command line; nothing is logged.
 */
public final class TpmTools {
    /** Largest output read from a command (EK certificates and quotes are far smaller). */
    static final int MAX_OUTPUT = 64 * 1024;

    private final String tcti;
    private final Duration timeout;

    public TpmTools(String tcti, Duration timeout) {
        if (tcti == null || tcti.isBlank() || tcti.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a TCTI such as device:/dev/tpmrm0 is required");
        }
        this.tcti = tcti;
        this.timeout = timeout;
    }

    public String tcti() {
        return tcti;
    }

    /** Runs {@code tool args...} with no input; returns its stdout. */
    public byte[] run(String tool, String... args) throws TpmCommandException {
        return run(null, tool, args);
    }

    /** Runs {@code tool args...} with {@code stdin} (may be null) as input; returns its stdout. */
    public byte[] run(byte[] stdin, String tool, String... args) throws TpmCommandException {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TPM2TOOLS_TCTI", tcti);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TpmCommandException(tool + " could not start (is tpm2-tools installed? Debian: "
                    + "apt-get install tpm2-tools): " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // The tool exited before reading its input: its exit status and stderr say why.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new TpmCommandException(tool + " timed out after " + timeout.toSeconds() + " s (TCTI " + tcti + ")");
            }
            byte[] stdout = out.get(5, TimeUnit.SECONDS);
            byte[] stderr = err.get(5, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new TpmCommandException(tool + " failed (exit " + process.exitValue() + "): "
                        + errorLine(new String(stderr, StandardCharsets.UTF_8)));
            }
            if (stdout.length > MAX_OUTPUT) {
                throw new TpmCommandException(tool + " wrote more than " + MAX_OUTPUT + " bytes");
            }
            return stdout;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TpmCommandException(tool + " interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new TpmCommandException(tool + " output could not be read", e);
        }
    }

    /** The tool's own one-line error ({@code ERROR: ...}), else the last line it printed. */
    static String errorLine(String stderr) {
        String last = "no error message";
        for (String line : stderr.split("\n")) {
            String l = line.strip();
            if (l.startsWith("ERROR: ") && !l.startsWith("ERROR: Unable to run")) {
                return printable(l.substring("ERROR: ".length()));
            }
            if (!l.isEmpty()) {
                last = l;
            }
        }
        return printable(last);
    }

    private static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 300 ? clean.substring(0, 300) + "..." : clean;
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (buffer.size() <= MAX_OUTPUT) {
                    buffer.write(chunk, 0, n);
                }
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
