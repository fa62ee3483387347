package io.imprint.server.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A key or certificate file that is missing, empty, too large or not what it should be. The message
 * is one line that names the file and what it is, e.g. {@code /srv/imprint/keys/escrow.key: no such
 * file (the escrow key)}; it never contains the file's content.
 */
public final class KeyFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public KeyFileException(Path file, String problem, String what) {
        super(file + ": " + problem + " (" + what + ")");
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
