package io.imprint.server.files;

import io.imprint.protocol.crypto.Providers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * Writes small files (keys, certificates) so that a crash or a full disk leaves either the whole new
 * file or none: the content goes to a temporary file in the same directory, created with its final
 * mode (owner-only for secrets, so a key is never readable by others even for a moment), is flushed
 * to disk, then renamed into place and the directory flushed. A temporary file left by a crash is
 * named {@code .<name>.<random>.tmp} and is never read as the file itself.
 */
public final class AtomicFiles {
    /** Who may read the file. */
    public enum Access {
        /** Mode 600: private keys and other secrets. */
        OWNER_ONLY("rw-------", "rwx------"),
        /** Mode 644 (less the umask): certificates and public keys. */
        PUBLIC("rw-r--r--", "rwxr-xr-x");

        private final String fileMode;
        private final String directoryMode;

        Access(String fileMode, String directoryMode) {
            this.fileMode = fileMode;
            this.directoryMode = directoryMode;
        }
    }

    private AtomicFiles() {
    }

    /** Writes {@code file} atomically; refuses ({@link FileAlreadyExistsException}) when it exists. */
    public static void createNew(Path file, byte[] content, Access access) throws IOException {
        write(file, content, access, false);
    }

    /** Writes {@code file} atomically, replacing it when it exists. */
    public static void replace(Path file, byte[] content, Access access) throws IOException {
        write(file, content, access, true);
    }

    private static void write(Path file, byte[] content, Access access, boolean replace) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            createDirectories(dir, access);
        }
        if (!replace && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Path tmp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(Providers.randomBytes(6))
                + ".tmp");
        try {
            createFile(tmp, access);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                linkNew(tmp, target, file);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Publishes {@code tmp} as {@code target} unless {@code target} exists (a hard link fails atomically then). */
    private static void linkNew(Path tmp, Path target, Path named) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(named.toString());
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (e instanceof java.nio.file.FileSystemException fse && Files.exists(target)) {
                throw new FileAlreadyExistsException(named.toString(), null, fse.getReason());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE); // no hard links here: checked above
        }
    }

    private static void createFile(Path file, Access access) throws IOException {
        try {
            Files.createFile(file, mode(access.fileMode));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
    }

    private static void createDirectories(Path dir, Access access) throws IOException {
        try {
            Files.createDirectories(dir, mode(access.directoryMode));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    private static FileAttribute<?> mode(String mode) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode));
    }

    /** Makes the rename durable; a file system that cannot open a directory for syncing is left as it is. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here (e.g. Windows): the rename itself is still atomic
        }
    }
}
