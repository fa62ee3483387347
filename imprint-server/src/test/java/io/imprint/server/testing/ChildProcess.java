package io.imprint.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process (a JVM or a tool such as softhsm2-util) that needs its own environment, e.g.
 * {@code SOFTHSM2_CONF}, which a running JVM cannot set for itself. Output goes to a file, so the
 * bounded wait holds even for a child that hangs.
 */
public final class ChildProcess {
    private ChildProcess() {
    }

    /** Runs {@code command} with {@code env} added; asserts it finished within 120 s with exit 0; returns its output. */
    public static String run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("imprint-child", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            boolean finished = p.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as(String.join(" ", command) + " did not finish in 120 s:\n" + out).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + " failed:\n" + out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Whether an executable named {@code tool} is on the PATH. */
    public static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
