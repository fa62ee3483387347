package io.imprint.device.tpm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An owner-only ({@code rwx------}) temporary directory for the files tpm2-tools reads and writes
 * (contexts, blobs, credentials), deleted with everything in it on close. Files are written
 * {@code rw-------}.
 */
final class PrivateDir implements AutoCloseable {
    private final Path path;

    PrivateDir(Path parent) throws IOException {
        Files.createDirectories(parent);
        this.path = Files.createTempDirectory(parent, "tpm-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    }

    static PrivateDir inSystemTemp() throws IOException {
        return new PrivateDir(Path.of(System.getProperty("java.io.tmpdir")));
    }

    Path path() {
        return path;
    }

    /** The absolute path of {@code name} inside, as a command-line argument. */
    String file(String name) {
        return path.resolve(name).toString();
    }

    /** Writes {@code data} to {@code name}, owner-only, and returns its path as an argument. */
    String write(String name, byte[] data) throws IOException {
        Path file = path.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, data);
        return file.toString();
    }

    byte[] read(String name, int maxBytes) throws IOException {
        Path file = path.resolve(name);
        if (Files.size(file) > maxBytes) {
            throw new IOException(name + " is larger than " + maxBytes + " bytes");
        }
        return Files.readAllBytes(file);
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
