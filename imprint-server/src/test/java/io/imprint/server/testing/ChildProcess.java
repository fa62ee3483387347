package io.imprint.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** What a finished child printed (stdout and stderr together) and its exit code. */
    public record Outcome(int exit, String output) { }

    /**
     * The command line of a child JVM running {@code mainClass} on this test's class path, with the
     * JVM options the imprint jar's manifest sets (the SunPKCS11 wrapper export for token selection).
     */
    public static List<String> jvm(Class<?> mainClass) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED", "-cp", cp,
                mainClass.getName()));
    }

    /** Runs {@code command} with {@code env} added; asserts it finished within 120 s with exit 0; returns its output. */
    public static String run(List<String> command, Map<String, String> env) throws Exception {
        Outcome outcome = exec(command, env);
        assertThat(outcome.exit()).as(String.join(" ", command) + " failed:\n" + outcome.output()).isZero();
        return outcome.output();
    }

    /** Runs {@code command} with {@code env} added; asserts it finished within 120 s; returns exit code and output. */
    public static Outcome exec(List<String> command, Map<String, String> env) throws Exception {
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
            return new Outcome(p.exitValue(), out);
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
