package io.imprint.server.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Reads key and certificate files (at most 64 KiB), refusing a missing, unreadable, empty or
 * oversized one with a {@link KeyFileException} naming it; and checks that private key files are not
 * readable by anyone but their owner.
 */
public final class KeyFiles {
    /** Far above any PEM key or certificate chain Imprint writes. */
    static final long MAX_BYTES = 64 * 1024;

    private KeyFiles() {
    }

    /** The bytes of {@code file}; {@code what} says what it is, e.g. "the escrow key". */
    public static byte[] read(Path file, String what) throws KeyFileException {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new KeyFileException(file, "empty file (0 bytes)", what);
            }
            if (size > MAX_BYTES) {
                throw new KeyFileException(file, "larger than " + MAX_BYTES / 1024 + " KiB", what);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file, "no such file", what);
        } catch (AccessDeniedException e) {
            throw new KeyFileException(file, "permission denied", what);
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read: " + e.getMessage(), what);
        }
    }

    /** The text of {@code file} (US-ASCII: PEM or hex). */
    public static String readText(Path file, String what) throws KeyFileException {
        return new String(read(file, what), StandardCharsets.US_ASCII);
    }

    /** A file whose content is not what it should be; {@code problem} must not quote secret content. */
    public static KeyFileException invalid(Path file, String problem, String what) {
        return new KeyFileException(file, problem, what);
    }

    /**
     * A warning when the private key {@code file} may be read by its group or by others: one line
     * naming the file and the fix. Empty when the file is owner-only, absent, or not on a POSIX file system.
     */
    public static Optional<String> permissionWarning(Path file) {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        boolean group = mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.GROUP_WRITE);
        boolean others = mode.contains(PosixFilePermission.OTHERS_READ)
                || mode.contains(PosixFilePermission.OTHERS_WRITE);
        if (!group && !others) {
            return Optional.empty();
        }
        return Optional.of(file + " is a private key open to " + (group && others ? "its group and others"
                : group ? "its group" : "others") + " (mode " + PosixFilePermissions.toString(mode)
                + "): run chmod 600 " + file);
    }
}
