package io.imprint.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A new directory under the system temp directory that is removed, with everything in it, when the
 * work using it ends ({@link #close}) — also when it fails, and when the JVM is stopped first (Ctrl-C,
 * SIGTERM): a shutdown hook then gives the work a few seconds to close its listeners and store, and
 * removes the directory. Only a directory this class created is ever removed.
 */
public final class ScratchDirectory implements AutoCloseable {
    private static final long GRACE_SECONDS = 5;
    private final Path dir;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private boolean removed;

    private ScratchDirectory(Path dir) {
        this.dir = dir;
        this.hook = new Thread(this::onShutdown, "remove " + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Creates {@code <tmp>/<prefix><random>}. */
    public static ScratchDirectory create(String prefix) throws IOException {
        return new ScratchDirectory(Files.createTempDirectory(prefix).toAbsolutePath());
    }

    public Path path() {
        return dir;
    }

    /** Removes the directory now (the work has ended). */
    @Override
    public void close() {
        closed.countDown();
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it finds the directory removed
        }
    }

    private void onShutdown() {
        try {
            closed.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        remove();
    }

    private synchronized void remove() {
        if (removed) {
            return;
        }
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            deleteTree(); // again when a thread still writing added a file meanwhile
        }
        removed = !Files.exists(dir);
    }

    private void deleteTree() {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a directory that got a new entry meanwhile: the next attempt takes it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // vanished or unreadable entries: the next attempt (or the exists check) decides
        }
    }
}
