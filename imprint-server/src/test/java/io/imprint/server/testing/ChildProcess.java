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

    /** Starts {@code command} with {@code env} added and leaves it running; its output goes to a file. */
    public static Running start(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("imprint-child", ".log");
        pb.redirectOutput(log.toFile());
        return new Running(pb.start(), log, String.join(" ", command));
    }

    /** A child left running by {@link #start}; closing it kills it if it still runs. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final String name;

        Running(Process process, Path log, String name) {
            this.process = process;
            this.log = log;
            this.name = name;
        }

        /** Its output so far. */
        public String output() throws Exception {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** Waits (at most 120 s) until its output contains {@code marker}; asserts it did. */
        public String awaitOutput(String marker) throws Exception {
            for (int i = 0; i < 1200 && process.isAlive() && !output().contains(marker); i++) {
                Thread.sleep(100);
            }
            String out = output();
            assertThat(out).as(name + " never printed '" + marker + "'").contains(marker);
            return out;
        }

        /** Sends SIGTERM and waits (at most 120 s) for the exit; asserts it exited; returns the exit status. */
        public int terminate() throws Exception {
            process.destroy();
            boolean finished = process.waitFor(120, TimeUnit.SECONDS);
            assertThat(finished).as(name + " did not exit within 120 s of SIGTERM:\n" + output()).isTrue();
            return process.exitValue();
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
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
