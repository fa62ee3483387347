package io.imprint.cli.chaos;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted over a test directory, so the disk-full fault can fill it without touching
 * the machine's disk. Needs root and a kernel that lets it mount (CI runs as root); elsewhere the
 * fault is left out and {@link #describe()} says so.
 */
final class SmallDisk implements AutoCloseable {
    private final Path dir;
    private final String why;

    private SmallDisk(Path dir, String why) {
        this.dir = dir;
        this.why = why;
    }

    static SmallDisk none() {
        return new SmallDisk(null, "no disk-full fault");
    }

    /** Mounts a tmpfs of {@code megabytes} over the empty directory {@code dir}, if this process may. */
    static SmallDisk mount(Path dir, int megabytes) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=700",
                    "imprint-chaos", dir.toString())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return new SmallDisk(dir, "data on a " + megabytes + " MiB tmpfs, disk-full fault on");
            }
            return new SmallDisk(null, "no disk-full fault: mount refused (" + out.strip() + ")");
        } catch (java.io.IOException e) {
            return new SmallDisk(null, "no disk-full fault: " + e.getMessage());
        }
    }

    boolean mounted() {
        return dir != null;
    }

    String describe() {
        return why;
    }

    @Override
    public void close() throws Exception {
        if (dir != null) {
            new ProcessBuilder(List.of("umount", "-l", dir.toString())).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
